import { describe, expect, it } from 'vitest';
import { escalc } from '../effects/escalc.js';
import { metaAnalysis } from '../analysis/meta-analysis.js';
import { parseDataTable } from '../analysis/parse-table.js';
import { errorOf } from '../testing/error-of.js';
import { compareExtractions } from './compare.js';
import { characteristicsFor, RESERVED_FIELD_IDS, type ExtractionData } from './form.js';
import { characteristicsTable, outcomeTable, tableToCsv } from './table.js';
import { parseExtraction } from './validate.js';

const OUTCOMES = ['Quality of life', 'Depression', 'Mortality'];

const continuous = (m1i: number, sd1i: number, n1i: number, m2i: number, sd2i: number, n2i: number) => ({ kind: 'continuous' as const, values: { m1i, sd1i, n1i, m2i, sd2i, n2i }, timepoint: '12 weeks', instrument: 'FACT-G', note: '' });


describe('parseExtraction', () => {
  it('keeps what the form sends, trimmed, with empty numbers as null', () => {
    const d = parseExtraction(
      { characteristics: { country: ' Norway ', mode: 'video', notes: '' }, outcomes: { 'Quality of life': { kind: 'continuous', values: { m1i: 5.1, sd1i: 1.2, n1i: 40, m2i: null }, timepoint: ' 12 weeks' } } },
      OUTCOMES,
    );
    expect(d.characteristics).toEqual({ country: 'Norway', mode: 'video' });
    expect(d.outcomes['Quality of life']).toEqual({ kind: 'continuous', values: { m1i: 5.1, sd1i: 1.2, n1i: 40, m2i: null }, timepoint: '12 weeks', instrument: '', note: '' });
  });

  it('names every bad field by its path in one error', () => {
    const e = errorOf(() =>
      parseExtraction(
        {
          characteristics: { colour: 'red', country: 3 },
          outcomes: {
            Pain: { kind: 'continuous', values: {} },
            'Quality of life': { kind: 'continuous', values: { sd1i: 0, n1i: 12.5, m1i: '5', ai: 1 } },
            Mortality: { kind: 'binary', values: { ai: 12, n1i: 10, ci: -1 } },
            Depression: { kind: 'estimate', values: { estimate: 2, ci_lower: 0.5, ci_upper: 1.5 } },
          },
        },
        OUTCOMES,
      ),
    );
    expect(e.field).toBe('characteristics.colour');
    for (const part of [
      'characteristics.colour: unknown characteristic',
      'characteristics.country: must be text',
      'outcomes.Pain: not an outcome of the protocol (Quality of life, Depression, Mortality)',
      'outcomes.Quality of life.values.sd1i: must be greater than 0',
      'outcomes.Quality of life.values.n1i: must be a whole number of at least 1',
      'outcomes.Quality of life.values.m1i: "5" is not a number',
      'outcomes.Quality of life.values.ai: not a field of continuous results',
      'outcomes.Mortality.values.ai: 12 events is more than the arm\'s 10 participants',
      'outcomes.Mortality.values.ci: must be a whole number of at least 0',
      'outcomes.Depression.values.estimate: 2 is not within its interval [0.5, 1.5]',
    ])
      expect(e.message).toContain(part);
  });

  it('refuses what is not an extraction at all, and an unknown kind', () => {
    expect(errorOf(() => parseExtraction('x', OUTCOMES)).message).toMatch(/an extraction is an object/);
    expect(errorOf(() => parseExtraction({ outcomes: { Depression: { kind: 'median' } } }, OUTCOMES)).message).toContain('outcomes.Depression.kind: must be one of continuous, binary, estimate, direction');
    // JSON's 1e400 arrives as Infinity
    expect(errorOf(() => parseExtraction(JSON.parse('{"outcomes": {"Depression": {"kind": "estimate", "values": {"estimate": 1e400}}}}'), OUTCOMES)).message).toContain('outcomes.Depression.values.estimate: Infinity is not a finite number');
  });
});

describe('compareExtractions', () => {
  it('lists the fields two reviewers filled differently and counts the ones they agree on', () => {
    const a: ExtractionData = { characteristics: { country: 'Norway', mode: 'video' }, outcomes: { 'Quality of life': continuous(5.1, 1.2, 40, 4.0, 1.3, 41), Depression: continuous(1, 1, 10, 1, 1, 10) } };
    const b: ExtractionData = { characteristics: { country: 'Norway ', mode: 'telephone', design: 'RCT' }, outcomes: { 'Quality of life': { ...continuous(5.1, 1.2, 40, 4.0, 1.4, 41), note: 'Table 2' } } };
    const c = compareExtractions(a, b, OUTCOMES);
    expect(c.differences).toEqual([
      { path: 'characteristics.design', label: 'Design', a: '', b: 'RCT', key: 'design' },
      { path: 'characteristics.mode', label: 'Mode of delivery', a: 'video', b: 'telephone', key: 'mode' },
      { path: 'outcomes.Quality of life.values.sd2i', label: 'Quality of life: SD, comparator', a: '1.3', b: '1.4', outcome: 'Quality of life', key: 'sd2i' },
      { path: 'outcomes.Quality of life.note', label: 'Quality of life: note', a: '', b: 'Table 2', outcome: 'Quality of life', key: 'note' },
      { path: 'outcomes.Depression', label: 'Depression: how the result is reported', a: 'continuous', b: 'not reported', outcome: 'Depression', key: 'kind' },
    ]);
    // country, design, mode; six numbers, time point, instrument, note; Depression
    expect(c.compared).toBe(13);
    expect(c.agreed).toBe(8);
    expect(compareExtractions(a, a).differences).toEqual([]);
  });
});

// metafor's dat.normand1999 (length of stay, specialist vs routine care), first four studies
const NORMAND = [
  ['Edinburgh', 55, 75, 155, 27, 29, 156],
  ['Orpington-Mild', 27, 19, 31, 33, 48, 32],
  ['Orpington-Moderate', 73, 64, 75, 87, 105, 71],
  ['Orpington-Severe', 52, 45, 18, 48, 44, 18],
] as const;

describe('outcomeTable', () => {
  const studies = NORMAND.map(([label, m1i, sd1i, n1i, m2i, sd2i, n2i]) => ({ label, data: { characteristics: { mode: label.startsWith('Orp') ? 'telephone' : 'video' }, outcomes: { 'Quality of life': continuous(m1i, sd1i, n1i, m2i, sd2i, n2i) } } }));

  it('keeps arm data in escalc columns, so the analysis equals one of the same numbers typed as a CSV', () => {
    const t = outcomeTable([...studies, { label: 'No QoL', data: { characteristics: {}, outcomes: {} } }], 'Quality of life', 'SMD');
    expect(t.layout).toBe('continuous');
    expect(t.table.columns).toEqual(['study', 'mode', 'timepoint', 'instrument', 'm1i', 'sd1i', 'n1i', 'm2i', 'sd2i', 'n2i']);
    expect(t.notes).toEqual(['No QoL does not report Quality of life.']);
    const csv = 'study,m1i,sd1i,n1i,m2i,sd2i,n2i\n' + NORMAND.map((r) => r.join(',')).join('\n');
    const fromCsv = metaAnalysis(parseDataTable(csv, 'normand.csv'), { measure: 'SMD' });
    const fromExtraction = metaAnalysis(parseDataTable(tableToCsv(t.table), 'x.csv'), { measure: 'SMD', subgroup: 'mode' });
    const pooled = (r: Record<string, unknown>) => (r['subgroups'] ? null : r['estimate']);
    expect(pooled(metaAnalysis(parseDataTable(tableToCsv(t.table), 'x.csv'), { measure: 'SMD' }))).toBeCloseTo(fromCsv['estimate'] as number, 12);
    expect(fromExtraction['subgroups']).toBeDefined();
  });

  it('puts mixed results on one scale: arm data through escalc, an estimate with its CI by the Handbook', () => {
    const mixed = [
      { label: 'Arms', data: { characteristics: {}, outcomes: { Mortality: { kind: 'binary' as const, values: { ai: 4, n1i: 50, ci: 9, n2i: 52 }, timepoint: '', instrument: '', note: '' } } } },
      { label: 'Adjusted', data: { characteristics: {}, outcomes: { Mortality: { kind: 'estimate' as const, values: { estimate: 0.5, ci_lower: 0.25, ci_upper: 1 }, timepoint: '', instrument: '', note: '' } } } },
      { label: 'Half', data: { characteristics: {}, outcomes: { Mortality: { kind: 'binary' as const, values: { ai: 4, n1i: 50 }, timepoint: '', instrument: '', note: '' } } } },
    ];
    const t = outcomeTable(mixed, 'Mortality', 'OR');
    expect(t.layout).toBe('yi-vi');
    expect(t.table.columns.slice(-3)).toEqual(['source', 'yi', 'vi']);
    const direct = escalc({ measure: 'OR', data: { ai: [4], n1i: [50], ci: [9], n2i: [52] }, k: 1 });
    expect(Number(t.table.rows[0]!.at(-2))).toBe(direct.yi[0]);
    expect(Number(t.table.rows[0]!.at(-1))).toBe(direct.vi[0]);
    expect(Number(t.table.rows[1]!.at(-2))).toBeCloseTo(Math.log(0.5), 15);
    const se = (Math.log(1) - Math.log(0.25)) / (2 * 1.959963984540054);
    expect(Number(t.table.rows[1]!.at(-1))).toBeCloseTo(se * se, 14);
    expect(t.table.rows[1]!.at(-3)).toBe('reported estimate');
    expect(t.table.rows[2]!.slice(-2)).toEqual(['', '']);
    expect(t.notes.join(' ')).toContain('Adjusted: the OR was taken as reported with SE from its 95% CI');
  });

  it('says when arm data cannot give the measure, and refuses an unknown measure', () => {
    const t = outcomeTable([{ label: 'B', data: { characteristics: {}, outcomes: { Mortality: { kind: 'binary', values: { ai: 1, n1i: 5, ci: 2, n2i: 5 }, timepoint: '', instrument: '', note: '' } } } }, { label: 'E', data: { characteristics: {}, outcomes: { Mortality: { kind: 'estimate', values: { estimate: 0.2, ci_lower: 0.1, ci_upper: 0.3 }, timepoint: '', instrument: '', note: '' } } } }], 'Mortality', 'SMD');
    expect(t.notes).toContain('B: binary data cannot give a SMD; enter the reported SMD with its 95% CI instead.');
    expect(t.table.rows[0]!.slice(-2)).toEqual(['', '']);
    expect(errorOf(() => outcomeTable([], 'Mortality', 'XYZ')).message).toBe('unknown measure "XYZ" for Mortality');
  });

  it('quotes cells with commas and quotes in its CSV', () => {
    expect(tableToCsv({ columns: ['study', 'x'], rows: [['Smith, "A"', '1']] })).toBe('study,x\r\n"Smith, ""A""",1\r\n');
  });
});

describe('characteristicsTable', () => {
  it('has a column for each characteristic some study has, and the outcomes each reports in protocol order', () => {
    const t = characteristicsTable(
      [
        { label: 'Smith 2020', data: { characteristics: { design: 'RCT', mode: 'video' }, outcomes: { Mortality: continuous(1, 1, 1, 1, 1, 1), 'Quality of life': continuous(1, 1, 1, 1, 1, 1) } } },
        { label: 'Lee 2021', data: { characteristics: { design: 'Qualitative', country: 'Norway' }, outcomes: {} } },
      ],
      OUTCOMES,
    );
    expect(t.columns).toEqual(['Study', 'Design', 'Country', 'Mode of delivery', 'Outcomes reported']);
    expect(t.rows).toEqual([
      ['Smith 2020', 'RCT', '', 'video', 'Quality of life; Mortality'],
      ['Lee 2021', 'Qualitative', 'Norway', '', ''],
    ]);
  });
});

describe('a review’s own extraction fields', () => {
  const fields = characteristicsFor([{ id: 'framework', label: 'Theoretical framework', hint: '', options: ['yes', 'no'] }, { id: 'caregiver', label: 'Caregiver role', hint: '' }]);
  it('come after the built-in characteristics and before Notes; a name of the tables is reserved', () => {
    expect(fields.map((c) => c.id).slice(-4)).toEqual(['funding', 'framework', 'caregiver', 'notes']);
    expect(['mode', 'timepoint', 'yi', 'sd1i', 'estimate'].every((id) => RESERVED_FIELD_IDS.has(id))).toBe(true);
    expect(RESERVED_FIELD_IDS.has('framework')).toBe(false);
  });
  it('are checked, compared and carried into the analysis and characteristics tables like the built-in ones', () => {
    expect(errorOf(() => parseExtraction({ characteristics: { framework: 'Yes' } }, OUTCOMES, fields))).toEqual({ message: 'invalid extraction: characteristics.framework: "Yes" is not one of "yes", "no"', field: 'characteristics.framework' });
    // without the review's fields, the field is unknown
    expect(errorOf(() => parseExtraction({ characteristics: { caregiver: 'spouse' } }, OUTCOMES)).message).toMatch(/^invalid extraction: characteristics\.caregiver: unknown characteristic; known: design, /);
    const a = parseExtraction({ characteristics: { framework: 'yes', caregiver: ' spouse ' }, outcomes: { 'Quality of life': continuous(5, 1, 20, 4, 1, 20) } }, OUTCOMES, fields);
    const b = parseExtraction({ characteristics: { framework: 'no', caregiver: 'spouse' }, outcomes: { 'Quality of life': continuous(5, 1, 20, 4, 1, 20) } }, OUTCOMES, fields);
    expect(compareExtractions(a, b, OUTCOMES, fields).differences.map((d) => [d.label, d.a, d.b])).toEqual([['Theoretical framework', 'yes', 'no']]);
    // the built-in comparison does not see them
    expect(compareExtractions(a, b, OUTCOMES).differences).toEqual([]);
    const studies = [{ label: 'Smith 2020', data: a }, { label: 'Lee 2021', data: b }];
    expect(outcomeTable(studies, 'Quality of life', 'SMD', fields).table.columns.slice(0, 5)).toEqual(['study', 'framework', 'caregiver', 'timepoint', 'instrument']);
    expect(characteristicsTable(studies, OUTCOMES, fields).rows[1]).toEqual(['Lee 2021', 'no', 'spouse', 'Quality of life']);
  });
});

describe('a result reported as a direction only (SWiM: vote counting takes every result with a direction)', () => {
  // "median ESAS 4 vs 6, p = 0.03": no mean or SD to pool, but the report says which arm did better
  const direction = { kind: 'direction', values: { n1i: 31, n2i: 29 }, favours: 'intervention', timepoint: '8 weeks', instrument: 'ESAS', note: 'Median 4 vs 6 (p = 0.03), Table 2' };

  it('is kept with the arm it favours, checked, and compared', () => {
    const a = parseExtraction({ outcomes: { Depression: direction } }, OUTCOMES);
    expect(a.outcomes['Depression']).toEqual({ ...direction, values: { n1i: 31, n2i: 29 } });
    // empty until judged; another kind does not take a direction
    expect(parseExtraction({ outcomes: { Depression: { kind: 'direction' } } }, OUTCOMES).outcomes['Depression']!.favours).toBeNull();
    expect(parseExtraction({ outcomes: { Depression: continuous(1, 1, 2, 1, 1, 2) } }, OUTCOMES).outcomes['Depression']).not.toHaveProperty('favours');
    expect(errorOf(() => parseExtraction({ outcomes: { Depression: { ...direction, favours: 'treatment' }, Mortality: { ...continuous(1, 1, 2, 1, 1, 2), favours: 'comparator' } } }, OUTCOMES)).message).toBe(
      `invalid extraction: outcomes.Depression.favours: "treatment" is not one of intervention, comparator, neither; outcomes.Mortality.favours: only a result reported as a direction takes it; the other kinds' direction comes from their numbers`,
    );
    const b = parseExtraction({ outcomes: { Depression: { ...direction, favours: 'neither' } } }, OUTCOMES);
    expect(compareExtractions(a, b, OUTCOMES).differences).toEqual([{ path: 'outcomes.Depression.favours', label: 'Depression: Direction', a: 'Favours the intervention', b: 'No difference, or mixed', key: 'favours', outcome: 'Depression' }]);
  });

  it('stays out of the meta-analysis table, with a note saying where it counts', () => {
    const studies = [
      { label: 'Hoek 2017', data: parseExtraction({ outcomes: { Depression: continuous(5, 2, 30, 6, 2, 30) } }, OUTCOMES) },
      { label: 'Kidd 2019', data: parseExtraction({ outcomes: { Depression: direction } }, OUTCOMES) },
    ];
    const t = outcomeTable(studies, 'Depression', 'SMD');
    expect(t.table.rows.map((r) => r[0])).toEqual(['Hoek 2017']);
    expect(t.layout).toBe('continuous');
    expect(t.notes).toEqual(['Kidd 2019 reports Depression as a direction only (favours the intervention): it counts in the effect direction, not in the meta-analysis.']);
  });
});
