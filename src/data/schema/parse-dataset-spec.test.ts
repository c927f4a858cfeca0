import { describe, expect, it } from 'vitest';
import { parseDatasetSpec } from './parse-dataset-spec.js';
import { expectInvalid } from './testing/expect-invalid.js';

const spec =
  (columns: unknown, source = 'spec.json') =>
  () =>
    parseDatasetSpec({ columns }, source);

describe('parseDatasetSpec accepts', () => {
  it('a JSON file with every rule', () => {
    const text = JSON.stringify({
      columns: {
        delay: { type: 'integer', nullable: false, min: -100, max: 2000, unique: false },
        origin: { allowed: ['SFO', 'LAX'], regex: '^[A-Z]{3}$', required: true },
        date: { type: 'datetime', min: '2012-01-01', max: '2015-12-31T23:59:59Z' },
      },
      extra_columns: 'fail',
    });
    expect(parseDatasetSpec(text, 'flights.spec.json')).toEqual(JSON.parse(text));
  });

  it('the same spec as YAML, where a bare column name means "must be present"', () => {
    const yaml = [
      'columns:',
      '  delay: {type: integer, nullable: false, min: -100, max: 2000}',
      '  origin:',
      '    allowed: [SFO, LAX]',
      '    regex: "^[A-Z]{3}$"',
      '  date:',
      '    min: 2012-01-01 # YAML 1.2 keeps this as text',
      '  notes:',
    ].join('\n');
    expect(parseDatasetSpec(yaml, 'flights.spec.yaml')).toEqual({
      columns: {
        delay: { type: 'integer', nullable: false, min: -100, max: 2000 },
        origin: { allowed: ['SFO', 'LAX'], regex: '^[A-Z]{3}$' },
        date: { min: '2012-01-01' },
        notes: {},
      },
    });
  });

  it('an object (a request body), with Dates as bounds stored as ISO text', () => {
    const parsed = parseDatasetSpec({
      columns: { when: { type: 'datetime', min: new Date('2020-01-01T00:00:00Z') } },
    });
    expect(parsed.columns.when).toEqual({ type: 'datetime', min: '2020-01-01T00:00:00.000Z' });
  });

  it('an empty columns object, or none, and min equal to max', () => {
    expect(parseDatasetSpec({ columns: {} })).toEqual({ columns: {} });
    expect(parseDatasetSpec({ extra_columns: 'allow' })).toEqual({
      columns: {},
      extra_columns: 'allow',
    });
    expect(parseDatasetSpec({ columns: { a: { min: 3, max: 3 } } }).columns.a).toEqual({
      min: 3,
      max: 3,
    });
  });

  it('columns named like Object.prototype members as plain columns', () => {
    const parsed = parseDatasetSpec(
      '{"columns": {"__proto__": {"min": 1}, "constructor": {}}}',
      'x.json',
    );
    expect(Object.keys(parsed.columns)).toEqual(['__proto__', 'constructor']);
    expect(Object.getPrototypeOf(parsed.columns)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(parsed.columns, '__proto__')?.value).toEqual({ min: 1 });
  });
});

describe('parseDatasetSpec refuses', () => {
  it('text that is not JSON or YAML, and an empty file', async () => {
    await expectInvalid(
      () => parseDatasetSpec('{"columns": {', 's.json'),
      'malformed_spec',
      /^s\.json: is not valid JSON/,
    );
    await expectInvalid(
      () => parseDatasetSpec('columns: [a, b', 's.yaml'),
      'malformed_spec',
      /^s\.yaml: is not valid YAML/,
    );
    await expectInvalid(
      () => parseDatasetSpec('a: 1\na: 2', 's.yaml'),
      'malformed_spec',
      /unique/i,
    );
    await expectInvalid(() => parseDatasetSpec('  \n', 's.yaml'), 'malformed_spec', /is empty/);
  });

  it('a spec or columns or column that is not an object', async () => {
    await expectInvalid(
      () => parseDatasetSpec('[1, 2]', 's.json'),
      'wrong_value_type',
      /a spec is an object/,
    );
    await expectInvalid(
      () => parseDatasetSpec({ columns: ['a'] }),
      'wrong_value_type',
      /columns must be an object/,
    );
    await expectInvalid(
      spec({ delay: 'integer' }),
      'wrong_value_type',
      /column "delay": expected an object of rules/,
    );
  });

  it('an unknown top-level field, suggesting the right one', async () => {
    const error = await expectInvalid(
      () => parseDatasetSpec({ colums: {} }, 's.yaml'),
      'unknown_field',
      /"colums" \(did you mean "columns"\?\)/,
    );
    expect(error.details).toMatchObject({ source: 's.yaml' });
    await expectInvalid(
      () => parseDatasetSpec({ columns: {}, strict: true }),
      'unknown_field',
      /did you mean "extra_columns"/,
    );
  });

  it('extra_columns other than allow or fail', async () => {
    await expectInvalid(
      () => parseDatasetSpec({ extra_columns: true }),
      'wrong_value_type',
      /"allow" or "fail", got true/,
    );
  });

  it('an unknown rule, naming the column and rule, with a typo or a Great Expectations name', async () => {
    const error = await expectInvalid(
      spec({ delay: { nulable: false } }),
      'unknown_rule',
      /^spec\.json: column "delay", rule "nulable": unknown rule \(did you mean "nullable"\?\); a column may have required, type, nullable, min, max, allowed, regex, unique$/,
    );
    expect(error.details).toEqual({
      reason: 'unknown_rule',
      source: 'spec.json',
      column: 'delay',
      rule: 'nulable',
    });
    await expectInvalid(spec({ a: { value_set: [1] } }), 'unknown_rule', /did you mean "allowed"/);
    await expectInvalid(spec({ a: { pattern: 'x' } }), 'unknown_rule', /did you mean "regex"/);
    await expectInvalid(
      spec({ a: { mostly: 0.9 } }),
      'unknown_rule',
      /rule "mostly": unknown rule; a column may have/,
    );
  });

  it('an unknown type, and a type that is not text', async () => {
    await expectInvalid(
      spec({ a: { type: 'int' } }),
      'unknown_type',
      /rule "type": unknown type "int" \(did you mean "integer"\?\); use one of integer, float, boolean, datetime, string$/,
    );
    await expectInvalid(spec({ a: { type: 'flaot' } }), 'unknown_type', /did you mean "float"/);
    await expectInvalid(
      spec({ a: { type: 7 } }),
      'wrong_value_type',
      /rule "type": expected one of integer/,
    );
  });

  it('flags that are not true or false', async () => {
    for (const rule of ['nullable', 'unique', 'required']) {
      await expectInvalid(
        spec({ a: { [rule]: 'no' } }),
        'wrong_value_type',
        new RegExp(`rule "${rule}": expected true or false, got the text "no"`),
      );
    }
  });

  it('bounds that are neither finite numbers nor ISO datetimes', async () => {
    await expectInvalid(
      spec({ a: { min: 'ten' } }),
      'wrong_value_type',
      /rule "min": expected a finite number, or ISO 8601 text/,
    );
    await expectInvalid(spec({ a: { max: Infinity } }), 'wrong_value_type', /rule "max"/);
    await expectInvalid(spec({ a: { max: '2021-02-30' } }), 'wrong_value_type', /rule "max"/);
    await expectInvalid(spec({ a: { min: null } }), 'wrong_value_type', /got null/);
  });

  it('min greater than max, for numbers and datetimes; a number with a datetime', async () => {
    const error = await expectInvalid(
      spec({ d: { min: 10, max: 1 } }),
      'min_greater_than_max',
      /column "d", rule "min": min 10 is greater than max 1/,
    );
    expect(error.details).toMatchObject({ column: 'd', rule: 'min' });
    await expectInvalid(
      spec({ d: { min: '2020-02-01', max: '2020-01-31T23:00:00Z' } }),
      'min_greater_than_max',
    );
    await expectInvalid(
      spec({ d: { min: 0, max: '2020-01-01' } }),
      'wrong_value_type',
      /both must be numbers or both datetimes/,
    );
  });

  it('bounds that do not suit the pinned type', async () => {
    await expectInvalid(
      spec({ a: { type: 'string', min: 1 } }),
      'rule_not_applicable',
      /rule "min": min applies to integer, float and datetime columns; the column is string \(pinned\)/,
    );
    await expectInvalid(spec({ a: { type: 'boolean', max: 1 } }), 'rule_not_applicable');
    await expectInvalid(
      spec({ a: { type: 'datetime', min: 5 } }),
      'wrong_value_type',
      /expected ISO 8601 text like "2012-01-01" because the column is datetime/,
    );
    await expectInvalid(
      spec({ a: { type: 'integer', max: '2020-01-01' } }),
      'wrong_value_type',
      /expected a number because the column is integer/,
    );
  });

  it('allowed lists that are not lists, are empty, hold nulls or objects, or do not suit the type', async () => {
    await expectInvalid(
      spec({ a: { allowed: 'SFO' } }),
      'wrong_value_type',
      /rule "allowed": expected a list of values, got the text "SFO"/,
    );
    await expectInvalid(spec({ a: { allowed: [] } }), 'empty_allowed', /the list is empty/);
    await expectInvalid(
      spec({ a: { allowed: ['x', null] } }),
      'wrong_value_type',
      /value 2 is null; missing values are governed by "nullable"/,
    );
    await expectInvalid(
      spec({ a: { allowed: [{ x: 1 }] } }),
      'wrong_value_type',
      /value 1 is an object/,
    );
    await expectInvalid(
      spec({ a: { type: 'integer', allowed: [1, 2.5] } }),
      'wrong_value_type',
      /values must be integers because the column is integer \(pinned\); value 2 is 2.5/,
    );
    await expectInvalid(
      spec({ a: { type: 'string', allowed: ['94110', 94103] } }),
      'wrong_value_type',
      /quote numbers/,
    );
    await expectInvalid(
      spec({ a: { type: 'boolean', allowed: ['true'] } }),
      'wrong_value_type',
      /true or false/,
    );
    await expectInvalid(
      spec({ a: { type: 'datetime', allowed: ['2020-01-01', 'soon'] } }),
      'wrong_value_type',
      /value 2 is the text "soon"/,
    );
  });

  it('an invalid regex, a regex that is not text, and a regex on a pinned non-string column', async () => {
    const error = await expectInvalid(
      spec({ code: { regex: '^[A-Z' } }),
      'invalid_regex',
      /column "code", rule "regex": "\^\[A-Z" is not a valid regular expression: /,
    );
    expect(error.details).toMatchObject({ column: 'code', rule: 'regex' });
    // Unicode mode refuses escapes that plain mode quietly reads as letters.
    await expectInvalid(spec({ code: { regex: '\\a' } }), 'invalid_regex');
    await expectInvalid(
      spec({ code: { regex: 3 } }),
      'wrong_value_type',
      /a regular expression as text/,
    );
    await expectInvalid(
      spec({ zip: { type: 'integer', regex: '^\\d{5}$' } }),
      'rule_not_applicable',
      /pin "type": "string"/,
    );
  });
});
