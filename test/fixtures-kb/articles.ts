/**
 * Invented KB articles in the layouts of the real 1998-2002 text archive,
 * written for the importer's tests. File names, versions and ids are made up;
 * only the layouts are those of the era.
 */

/** The head of an article: the DOCUMENT/TITLE/PRODUCT/PROD/VER block and the "applies to" list. */
export interface ArticleHead {
  readonly id: string;
  /** As the DOCUMENT line prints it, e.g. "08-MAY-2002". */
  readonly date: string;
  readonly title: string;
  readonly product: string;
  /** The PROD/VER value, e.g. "winnt:5.0,5.5". */
  readonly prodVer: string;
  /** The "applies to" lines without the leading " - " (lines that start with a space are sub-items, printed as they are). */
  readonly appliesTo: readonly string[];
}

/** Exchange Server 5.0 only. */
export const EXCHANGE_50: Omit<ArticleHead, 'id' | 'title'> = {
  date: '08-MAY-2002',
  product: 'Microsoft Exchange',
  prodVer: 'winnt:5.0',
  appliesTo: ['Microsoft Exchange Server, version 5.0'],
};

/** Exchange Server 5.0 and 5.5. */
export const EXCHANGE_50_55: Omit<ArticleHead, 'id' | 'title'> = {
  date: '20-MAY-2002',
  product: 'Microsoft Exchange',
  prodVer: 'winnt:5.0,5.5',
  appliesTo: ['Microsoft Exchange Server, versions 5.0, 5.5'],
};

const DISCLAIMER = `======================================================================
Keywords          : kbbug
Issue type        : kbbug

=============================================================================

THE INFORMATION PROVIDED IN THE MICROSOFT KNOWLEDGE BASE IS
PROVIDED "AS IS" WITHOUT WARRANTY OF ANY KIND.`;

/**
 * Builds an article: the head, a short SYMPTOMS section, then `resolution`
 * under RESOLUTION, then STATUS and the disclaimer. Lines end with CRLF when
 * `crlf` is set, as in the archive.
 */
export function article(head: ArticleHead, resolution: string, crlf = false): string {
  const text = `DOCUMENT:${head.id}  ${head.date}  [test]
TITLE   :${head.title}
PRODUCT :${head.product}
PROD/VER:${head.prodVer}
OPER/SYS:
KEYWORDS:kbtest

======================================================================
-------------------------------------------------------------------------------
The information in this article applies to:

${head.appliesTo.map((line) => (line.startsWith(' ') ? line : ` - ${line} `)).join('\n')}
-------------------------------------------------------------------------------


SYMPTOMS
========

An invented problem, written for the importer's tests.

RESOLUTION
==========

${resolution.replace(/^\n/, '')}

STATUS
======

Microsoft has confirmed this to be a problem in the products listed above.

Additional query words: test

${DISCLAIMER}`;
  return crlf ? text.replace(/\n/g, '\r\n') : text;
}

/** The 1-based line on which `needle` first appears (the tests name error lines this way, so fixtures can change). */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`fixture does not contain ${JSON.stringify(needle)}`);
  return text.slice(0, index).split(/\r\n|\n/).length;
}

export const ENGLISH = `The English version of this fix should have the following file attributes or
later:`;

/** A minimal announced "File Name  Version" table, to put under other text. */
export const NAME_VERSION_TABLE = `${ENGLISH}

   File Name   Version
   ----------------------
   Tstc.exe    5.0.1461.1
`;

/** Boxed table, Exchange 5.0 MTA style, with N/A data files and the Emsrid.dll spelling. */
export const BOXED = article(
  { id: 'Q900101', title: 'XCON: Invented MTA Stops With Event 9999', ...EXCHANGE_50 },
  `${ENGLISH}

Component: MTA

+------------------------------+
| File name    | Version       | 
+------------------------------+
| Emsmta.exe   | 5.0.1463.4    | 
+------------------------------+
| Emsrid.dll   | 5.0.1463.4    | 
+------------------------------+
| Routes.sch   | N/A           | 
+------------------------------+
| Mtaperf.cfg  | Not applicable | 
+------------------------------+
| Mtaext.dll   | N/A           | 
+------------------------------+`,
  true,
);

/** Column table "File Name  Version" under a dashed rule, indented, Exchange 5.5. */
export const NAME_VERSION = article(
  {
    id: 'Q900102',
    title: 'XFOR: Invented Connector Drops Messages',
    date: '05-MAY-1999',
    product: 'Microsoft Exchange',
    prodVer: 'WINDOWS:5.5',
    appliesTo: ['Microsoft Exchange Server, version 5.5'],
  },
  `To resolve this problem, obtain the latest service pack for Exchange Server
version 5.5.

${ENGLISH}

   Component: Connector for Test Mail

   File Name   Version
   ----------------------
   Tstc.exe    5.5.2401.0
   Tstmsg.dll  5.5.2401.0
`,
);

/** "Date Time Version Size File name Platform", one file per platform, DD-Mon-YYYY dates. */
export const PLATFORM_SPLIT = article(
  {
    id: 'Q900103',
    title: 'SMS: Invented Collection Evaluator Leaks Memory',
    date: '06-AUG-2002',
    product: 'Microsoft Systems Management Server',
    prodVer: ':2.0',
    appliesTo: ['Microsoft Systems Management Server version 2.0'],
  },
  `The English-language post-Service Pack 3 (SP3) version of this fix should have
the following file attributes or later:

   Date         Time   Version        Size     File name     Platform
   ------------------------------------------------------------------
   02-Apr-2001  07:45  2.0.1493.3300  145,680  Tsteval.dll   Alpha
   02-Apr-2001  07:45  2.0.1493.3300   91,024  Tsteval.dll   I386
   02-Apr-2001  07:46  2.0.1493.3300  1,173,328  Tstmgr.dll  Alpha
   02-Apr-2001  07:46  2.0.1493.3300  108,432  Tstmgr.dll    x86

NOTE: Because of file dependencies, the most recent hotfix that contains these
files may also contain additional files.
`,
);

/** "Date Time Size File name Platform": no version column, Windows NT 4.0. */
export const NO_VERSION = article(
  {
    id: 'Q900104',
    title: 'Invented Kernel Misreads Four-Digit Years',
    date: '08-MAY-2002',
    product: 'Microsoft Windows NT',
    prodVer: 'winnt:4.0,4.0 SP5,4.0 SP6a',
    appliesTo: ['Microsoft Windows NT Server version 4.0', 'Microsoft Windows NT Workstation versions 4.0, 4.0 SP5, 4.0 SP6a'],
  },
  `${ENGLISH}

   Date      Time     Size       File name     Platform
   ----------------------------------------------------
   06/14/00  01:26pm    954,944  Tstkrnl.exe   Intel
   06/14/00  01:25p   1,401,728  Tstkrnl.exe   Alpha
   12/31/99  11:59pm     12,288  Tstcfg.ini    Intel
`,
);

/** "File name  Date  Time": no version, no size; the Japanese version. */
export const NAME_DATE_TIME = article(
  {
    id: 'Q900105',
    title: 'Invented Printer Driver Stops With Stop 0x3B',
    date: '08-MAY-2002',
    product: 'Microsoft Windows NT',
    prodVer: 'winnt:4.0 SP6a',
    appliesTo: ['Microsoft Windows NT Server versions 4.0 SP6a, on platform(s):', '   - the hardware: DEC Alpha'],
  },
  `The Japanese version of this fix should have the following file attributes or
later:

   File name     Date        Time
   ------------------------------
   Tstdd.dll     05/10/2000  02:43p
   Tstui.dll     05/09/2000  07:45
`,
);

/** Another order and subset: "Filename  Language  File size  File version", and a Language column. */
export const OTHER_ORDER = article(
  {
    id: 'Q900106',
    title: 'Invented Web Server Logs Long URLs Badly',
    date: '08-MAY-2002',
    product: 'Internet Information Server',
    prodVer: '::4.0,5.0',
    appliesTo: ['Microsoft Internet Information Server version 4.0', 'Microsoft Internet Information Services version 5.0'],
  },
  `In Internet Information Services (IIS) 5.0, the German version of this fix
should have the following file attributes or later:

Filename       Language   File size   File version
---------      --------   ---------   ------------
Tstlog.dll     German        78,608   5.0.2195.2101
Tstlogui.dll   Neutral       12,048   5.0.2195.2101

In IIS 4.0, install the IIS 4.0 version 4.2.770.1 or later of this fix.
`,
);

/** Values that overflow their columns, a file name with a space, an empty version cell for a data file, "10:38:53 PM". */
export const OVERFLOW = article(
  {
    id: 'Q900107',
    title: 'Invented Catalog Rejects Long Names',
    date: '14-JUN-2001',
    product: 'Microsoft Windows',
    prodVer: 'winnt:5.0',
    appliesTo: ['Microsoft Windows 2000 Server version 5.0'],
  },
  `${ENGLISH}

Date      Time         Version         Size    File name     Platform
---------------------------------------------------------------------
6/12/200  10:38:53 PM  5.0.2195.2096   78,608  Tstlog.dll    x86
06/12/01  10:38:53PM   5.0.2195.2096  1,078,608  Tstverylongname.dll  x86
06/12/01  10:40 PM                      8,192  Tst catalog.cat x86
`,
);

/** Two sections, Exchange 5.0 (boxed) and 5.5 (column table), each with its own versions. */
export const MULTI_SECTION = article(
  { id: 'Q900108', title: 'XADM: Invented Store Stops on Euro Symbol', ...EXCHANGE_50_55 },
  `Exchange Server 5.0
-------------------

${ENGLISH}

Component: Information Store

+--------------------------+
| File name  | Version     | 
+--------------------------+
| Tststore.exe | 5.0.1461.91 | 
+--------------------------+
| Tstmsg.dll | 5.0.1461.91 | 
+--------------------------+


Exchange Server 5.5
-------------------

${ENGLISH}

   Component: Store

   File Name      Version
   -------------------------
   Tststore.exe   5.5.2450.0
   Tstmsg.dll     5.5.2450.0
   Tstgapi.dll    5.5.2450.0
`,
);

/** One header, two runs of rows of different branches separated by a blank line (as in the real Q195215). */
export const CONTINUED = article(
  { id: 'Q900109', title: 'XFOR: Invented SMTP Sends 8-Bit Data', ...EXCHANGE_50_55 },
  `${ENGLISH}

   Component: Store

   File Name      Version
   -------------------------
   Tststore.exe 5.5.2438.1
   Tstmsg.dll   5.5.2438.1

   Tststore.exe 5.0.1461.77
   Tstmsg.dll   5.0.1461.77
`,
);

/** Data files for which the KB prints a version, and partial versions to complete. */
export const DATA_FILES = article(
  {
    id: 'Q900110',
    title: 'XADM: Invented MTA Counters Missing',
    date: '23-FEB-2000',
    product: 'Microsoft Exchange',
    prodVer: 'winnt:5.5,5.5 SP1',
    appliesTo: ['Microsoft Exchange Server, versions 5.5, 5.5 SP1'],
  },
  `${ENGLISH}

   Component: Message Transfer Agent

   File Name      Version
   -------------------------
   Tstserver.sch  5.5.2331.0
   Tstprods.cat   5.5.2331.0
   Tstmta.exe     5.5.2331.0
   Tstlog.cfg     2331.0
   Tstom.dll      2331.5
`,
);

/** Only partial versions, one product version: completed from the product. */
export const PARTIAL_ONLY = article(
  { id: 'Q900111', title: 'Invented Protocol Log Too Verbose', ...EXCHANGE_50 },
  `${ENGLISH}

Component:

+------------------------+
| File name    | Version | 
+------------------------+
| Tstimc.exe   | 1459.80 | 
+------------------------+
| Tstimcmsg.dll | 1459.80 | 
+------------------------+`,
);

/** Only partial versions and two product versions: cannot be completed. */
export const PARTIAL_AMBIGUOUS = article(
  { id: 'Q900112', title: 'Invented Protocol Log Too Verbose Again', ...EXCHANGE_50_55 },
  `${ENGLISH}

+------------------------+
| File name    | Version | 
+------------------------+
| Tstimc.exe   | 1459.80 | 
+------------------------+`,
);

/** A header with a column the importer does not know. */
export const UNKNOWN_COLUMN = article(
  { id: 'Q900113', title: 'Invented Table With a Checksum Column', ...EXCHANGE_50 },
  `${ENGLISH}

   File name     Version      Checksum
   -----------------------------------
   Tstmta.exe    5.0.1462.1   0x1234ABCD
`,
);

/** A header that is no header at all under the announcing sentence. */
export const NOT_A_HEADER = article(
  { id: 'Q900114', title: 'Invented Table With Odd Header', ...EXCHANGE_50 },
  `${ENGLISH}

   Name          Build
   -----------------------
   Tstmta.exe    5.0.1462.1
`,
);

/** A row whose file name cannot be read, between two that can. */
export const BAD_ROW = article(
  { id: 'Q900115', title: 'Invented Table With a Broken Row', ...EXCHANGE_50 },
  `${ENGLISH}

   File Name      Version
   -------------------------
   Tstmta.exe     5.0.1462.1
   Tstmsg.dll?    5.0.1462.1
   Tstaddr.dll    5.0.1462.1
`,
);

/** No table and no sentence announcing one. */
export const NO_TABLE = article(
  { id: 'Q900116', title: 'XGEN: Invented How-To With No Files', ...EXCHANGE_50 },
  `To work around this problem, restart the invented service.

Exchange Server 5.5
-------------------

This feature is available in the latest service pack for Exchange Server 5.5.
`,
);

/** The sentence announcing a table, and then no table. */
export const ANNOUNCED_NO_TABLE = article(
  { id: 'Q900117', title: 'XGEN: Invented Fix Whose Table Went Missing', ...EXCHANGE_50 },
  `${ENGLISH}

This hotfix has been posted to the usual location.
`,
);
