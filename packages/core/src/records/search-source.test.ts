import { describe, expect, it } from 'vitest';
import { inferSearchSource } from './search-source.js';

describe('the source of a search run', () => {
  it('is a trial register or another method by its name, else a database', () => {
    expect(['ClinicalTrials.gov', 'WHO ICTRP', 'EU CTR', 'ISRCTN registry'].map(inferSearchSource)).toEqual(['register', 'register', 'register', 'register']);
    expect(['Citation searching', 'Reference lists of included studies', 'Hand-searching', 'Websites', 'Google Scholar'].map(inferSearchSource)).toEqual(['other', 'other', 'other', 'other', 'other']);
    expect(['MEDLINE', 'Embase', 'CENTRAL', 'Cochrane Library', 'CINAHL', 'Web of Science', 'Scopus', 'PsycINFO'].map(inferSearchSource)).toEqual(Array(8).fill('database'));
  });
});
