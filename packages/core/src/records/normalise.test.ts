import { describe, expect, it } from 'vitest';
import { normaliseDoi, normalisePages, parseName, parseSource, parseYear, stripMarkup } from './normalise.js';

describe('normalisation', () => {
  it('DOIs: lower case, without resolver, label or [doi] suffix', () => {
    expect(normaliseDoi('https://doi.org/10.1016/J.CPR.2005.02.002')).toBe('10.1016/j.cpr.2005.02.002');
    expect(normaliseDoi('doi:10.1000/ABC [doi]')).toBe('10.1000/abc');
    expect(normaliseDoi('http://dx.doi.org/10.1002/14651858.CD007861.pub2.')).toBe('10.1002/14651858.cd007861.pub2');
    expect(normaliseDoi('S0140-6736(20)30183-5 [pii]')).toBe('');
  });
  it('pages: end page written out', () => {
    expect(normalisePages('745-57')).toBe('745-757');
    expect(normalisePages('1199-1201')).toBe('1199-1201');
    expect(normalisePages('e0180707')).toBe('e0180707');
    expect(normalisePages('S12-4')).toBe('S12-S14');
    expect(normalisePages('193', '194')).toBe('193-194');
    expect(normalisePages('12', '12')).toBe('12');
  });
  it('years from the date forms exports use', () => {
    expect(['2019 Dec', '2014//', '1948/07//', '2001/09/01/', 'Spring 1990', '10 15'].map(parseYear)).toEqual([2019, 2014, 1948, 2001, 1990, null]);
  });
  it('names', () => {
    expect(parseName('Higgins, Julian Pt')).toEqual({ family: 'Higgins', given: 'Julian Pt' });
    expect(parseName('Higgins JP')).toEqual({ family: 'Higgins', given: 'JP' });
    expect(parseName('Behan L.')).toEqual({ family: 'Behan', given: 'L.' });
    expect(parseName('Lucas J.S.')).toEqual({ family: 'Lucas', given: 'J.S.' });
    expect(parseName('van der Berg, Anna')).toEqual({ family: 'van der Berg', given: 'Anna' });
  });
  it('markup is removed but comparison signs stay', () => {
    expect(stripMarkup('Effect of <i>Ginkgo</i> on CO<sub>2</sub> &amp; O<sup>2+</sup>')).toBe('Effect of Ginkgo on CO2 & O2+');
    expect(stripMarkup('differences (p < 0.05) and OR > 2 were <b>significant</b>')).toBe('differences (p < 0.05) and OR > 2 were significant');
  });
  it('source strings give journal, volume, issue and pages', () => {
    expect(parseSource('J Clin Oncol. 2017 Mar 10;35(8):834-841. doi: 10.1200/JCO.2016.70.5046.')).toMatchObject({ journal: 'J Clin Oncol', year: 2017, volume: '35', issue: '8', pages: '834-841' });
    expect(parseSource('Acta Biochimica et Biophysica Sinica August 2011;43(8):647-653')).toMatchObject({ journal: 'Acta Biochimica et Biophysica Sinica', year: 2011, volume: '43', issue: '8', pages: '647-653' });
    expect(parseSource('Journal of Current Southeast Asian Affairs, 2013(1): 3-28.')).toMatchObject({ volume: '2013', issue: '1', pages: '3-28' });
  });
});
