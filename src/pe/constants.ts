/**
 * PE/COFF constants, named as in the Microsoft PE/COFF specification and
 * winnt.h / winver.h, so the reader's checks can be read against the spec.
 */

/** "MZ" read as a little-endian WORD: e_magic of IMAGE_DOS_HEADER. */
export const IMAGE_DOS_SIGNATURE = 0x5a4d;
/** "NE": 16-bit Windows / OS/2 1.x new executable. */
export const IMAGE_OS2_SIGNATURE = 0x454e;
/** "LE": linear executable (VxD, OS/2 2.x mixed 16/32-bit). */
export const IMAGE_OS2_SIGNATURE_LE = 0x454c;
/** "LX": OS/2 2.x+ linear executable (no winnt.h name; named after LE's). */
export const IMAGE_OS2_SIGNATURE_LX = 0x584c;
/** "PE\0\0" read as a little-endian DWORD. */
export const IMAGE_NT_SIGNATURE = 0x00004550;

/** sizeof(IMAGE_DOS_HEADER). */
export const IMAGE_SIZEOF_DOS_HEADER = 64;
/** Offset of e_lfarlc (file address of the relocation table) in IMAGE_DOS_HEADER; 0x40 for every new-style executable. */
export const DOS_HEADER_E_LFARLC = 0x18;
/** Offset of e_lfanew (file address of the new exe header) in IMAGE_DOS_HEADER. */
export const DOS_HEADER_E_LFANEW = 0x3c;

/** sizeof(IMAGE_FILE_HEADER), the COFF file header that follows "PE\0\0". */
export const IMAGE_SIZEOF_FILE_HEADER = 20;
/** sizeof(IMAGE_SECTION_HEADER). */
export const IMAGE_SIZEOF_SECTION_HEADER = 40;
/** Length of IMAGE_SECTION_HEADER.Name. */
export const IMAGE_SIZEOF_SHORT_NAME = 8;

/** IMAGE_FILE_HEADER.Characteristics: the image is a DLL. */
export const IMAGE_FILE_DLL = 0x2000;
/** IMAGE_FILE_HEADER.Characteristics: the image is executable (no unresolved references). */
export const IMAGE_FILE_EXECUTABLE_IMAGE = 0x0002;

/** IMAGE_OPTIONAL_HEADER32.Magic (PE32). */
export const IMAGE_NT_OPTIONAL_HDR32_MAGIC = 0x10b;
/** IMAGE_OPTIONAL_HEADER64.Magic (PE32+). */
export const IMAGE_NT_OPTIONAL_HDR64_MAGIC = 0x20b;
/** IMAGE_ROM_OPTIONAL_HEADER.Magic: a ROM image, not a PE image. */
export const IMAGE_ROM_OPTIONAL_HDR_MAGIC = 0x107;

/** Offsets inside IMAGE_OPTIONAL_HEADER32 / IMAGE_OPTIONAL_HEADER64. */
export const OPTIONAL_HEADER32_SIZE_OF_HEADERS = 60;
export const OPTIONAL_HEADER64_SIZE_OF_HEADERS = 60;
export const OPTIONAL_HEADER32_FILE_ALIGNMENT = 36;
export const OPTIONAL_HEADER64_FILE_ALIGNMENT = 36;
export const OPTIONAL_HEADER32_NUMBER_OF_RVA_AND_SIZES = 92;
export const OPTIONAL_HEADER64_NUMBER_OF_RVA_AND_SIZES = 108;
/** Offset of DataDirectory[0] in IMAGE_OPTIONAL_HEADER32. */
export const OPTIONAL_HEADER32_DATA_DIRECTORY = 96;
/** Offset of DataDirectory[0] in IMAGE_OPTIONAL_HEADER64. */
export const OPTIONAL_HEADER64_DATA_DIRECTORY = 112;
/** sizeof(IMAGE_DATA_DIRECTORY). */
export const IMAGE_SIZEOF_DATA_DIRECTORY = 8;
/** IMAGE_NUMBEROF_DIRECTORY_ENTRIES. */
export const IMAGE_NUMBEROF_DIRECTORY_ENTRIES = 16;
/** Data directory index of the resource table. */
export const IMAGE_DIRECTORY_ENTRY_RESOURCE = 2;

/** sizeof(IMAGE_RESOURCE_DIRECTORY), followed by its entries. */
export const IMAGE_SIZEOF_RESOURCE_DIRECTORY = 16;
/** sizeof(IMAGE_RESOURCE_DIRECTORY_ENTRY). */
export const IMAGE_SIZEOF_RESOURCE_DIRECTORY_ENTRY = 8;
/** sizeof(IMAGE_RESOURCE_DATA_ENTRY). */
export const IMAGE_SIZEOF_RESOURCE_DATA_ENTRY = 16;
/** High bit of IMAGE_RESOURCE_DIRECTORY_ENTRY.Name: the name is an offset to an IMAGE_RESOURCE_DIR_STRING_U. */
export const IMAGE_RESOURCE_NAME_IS_STRING = 0x80000000;
/** High bit of IMAGE_RESOURCE_DIRECTORY_ENTRY.OffsetToData: the entry points to a subdirectory. */
export const IMAGE_RESOURCE_DATA_IS_DIRECTORY = 0x80000000;

/** Resource type of the version resource (VS_VERSIONINFO). */
export const RT_VERSION = 16;
/** Resource id that version resources are stored under by convention (VS_VERSION_INFO). */
export const VS_VERSION_INFO = 1;

/** VS_FIXEDFILEINFO.dwSignature. */
export const VS_FFI_SIGNATURE = 0xfeef04bd;
/** VS_FIXEDFILEINFO.dwStrucVersion of every Win32 resource compiler. */
export const VS_FFI_STRUCVERSION = 0x00010000;
/** VS_FIXEDFILEINFO.dwFileFlagsMask set by resource compilers (VS_FF_DEBUG..VS_FF_SPECIALBUILD). */
export const VS_FFI_FILEFLAGSMASK = 0x0000003f;
/** sizeof(VS_FIXEDFILEINFO). */
export const VS_FIXEDFILEINFO_SIZE = 52;
/** VS_FIXEDFILEINFO.dwFileOS: VOS_NT_WINDOWS32. */
export const VOS_NT_WINDOWS32 = 0x00040004;
/** VS_FIXEDFILEINFO.dwFileType values. */
export const VFT_APP = 0x1;
export const VFT_DLL = 0x2;

/** IMAGE_FILE_HEADER.Machine values. */
export const IMAGE_FILE_MACHINE_UNKNOWN = 0x0;
export const IMAGE_FILE_MACHINE_I386 = 0x14c;
export const IMAGE_FILE_MACHINE_R4000 = 0x166;
export const IMAGE_FILE_MACHINE_ALPHA = 0x184;
export const IMAGE_FILE_MACHINE_ARM = 0x1c0;
export const IMAGE_FILE_MACHINE_ARMNT = 0x1c4;
export const IMAGE_FILE_MACHINE_POWERPC = 0x1f0;
export const IMAGE_FILE_MACHINE_IA64 = 0x200;
export const IMAGE_FILE_MACHINE_ALPHA64 = 0x284;
export const IMAGE_FILE_MACHINE_AMD64 = 0x8664;
export const IMAGE_FILE_MACHINE_ARM64 = 0xaa64;

/**
 * The Windows loader reads raw section data in 512-byte sectors: PointerToRawData is rounded down to this when FileAlignment is at least
 * this.
 */
export const FILE_ALIGNMENT_HARDCODED_VALUE = 0x200;
