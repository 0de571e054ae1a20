import { describe, expect, it } from 'vitest';
import { metaCommandLine } from './command-line.js';

describe('metaCommandLine', () => {
  it('writes the chosen options as the CLI takes them, leaving out what is not chosen', () => {
    const line = metaCommandLine('qol.csv', { measure: 'SMD', method: 'REML', test: 'knha', level: 95, subgroup: 'mode', mods: [], sensitivity: ['risk_of_bias!=High', 'design=RCT'], cumulative: '', cluster: 'study_id' });
    expect(line).toBe("metasift meta qol.csv --measure SMD --method REML --test knha --level 95 --subgroup mode --sensitivity 'risk_of_bias!=High' --sensitivity 'design=RCT' --cluster study_id");
    expect(metaCommandLine('x.csv', { measure: '', method: 'DL', test: 'z', level: '90', mods: ['ablat', 'year'] })).toBe('metasift meta x.csv --method DL --test z --level 90 --mods ablat,year');
  });
});
