/** XML 1.0 escaping for the JUnit writer. */

// Characters XML 1.0 cannot carry at all (C0 controls but tab, LF, CR; U+FFFE/U+FFFF; lone surrogates).
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text content: &, < and > escaped; characters XML cannot hold become U+FFFD. */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An attribute value in double quotes: also " escaped, and tab/CR/LF as references so they survive normalisation. */
export function xmlAttr(text: string): string {
  return xmlText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** The counts of a JUnit testsuite (and of the testsuites element over them). */
export interface JunitCounts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
}

/** Adds one suite's counts to a running total. */
export function addCounts(total: JunitCounts, counts: JunitCounts): void {
  for (const key of Object.keys(total) as (keyof JunitCounts)[]) total[key] += counts[key];
}

/** A `<testsuite>` element with its properties and its (already written) testcases. */
export function junitTestsuite(
  name: string,
  counts: JunitCounts,
  properties: readonly (readonly [string, string])[],
  cases: readonly string[],
): string {
  const attrs =
    `name="${xmlAttr(name)}" tests="${counts.tests}" failures="${counts.failures}" errors="${counts.errors}" ` +
    `skipped="${counts.skipped}"`;
  const props = properties.map(([key, value]) => `      <property name="${xmlAttr(key)}" value="${xmlAttr(value)}"/>`);
  return [`  <testsuite ${attrs}>`, '    <properties>', ...props, '    </properties>', ...cases, '  </testsuite>'].join('\n');
}

/** What a JUnit testcase holds when it is not a pass. */
export interface JunitResult {
  readonly kind: 'failure' | 'error' | 'skipped';
  readonly type?: string;
  readonly message: string;
  readonly body?: string;
}

/** A `<testcase>` (a pass when `result` is undefined), counted into `counts`. */
export function junitTestcase(name: string, classname: string, result: JunitResult | undefined, counts: JunitCounts): string[] {
  counts.tests++;
  const open = `    <testcase name="${xmlAttr(name)}" classname="${xmlAttr(classname)}"`;
  if (!result) return [`${open}/>`];
  if (result.kind === 'failure') counts.failures++;
  else if (result.kind === 'error') counts.errors++;
  else counts.skipped++;
  const element =
    result.kind === 'skipped'
      ? `      <skipped message="${xmlAttr(result.message)}"/>`
      : `      <${result.kind} message="${xmlAttr(result.message)}" type="${xmlAttr(result.type ?? '')}">` +
        `${xmlText(result.body ?? '')}</${result.kind}>`;
  return [`${open}>`, element, '    </testcase>'];
}
