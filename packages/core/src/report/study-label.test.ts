import { describe, expect, it } from 'vitest';
import { studyLabel } from './study-label.js';

describe('studyLabel', () => {
  it('names one, two or more authors with the year, as tables of studies do', () => {
    expect(studyLabel({ authors: [{ family: 'Smith' }], year: 2020, title: 'T' })).toBe('Smith 2020');
    expect(studyLabel({ authors: [{ family: 'Smith' }, { family: 'Jones' }], year: 2020, title: 'T' })).toBe('Smith and Jones 2020');
    expect(studyLabel({ authors: [{ family: 'Smith' }, { family: 'Jones' }, { family: 'Lee' }], year: 2019, title: 'T' })).toBe('Smith et al. 2019');
  });
  it('falls back to the title when no author is recorded, and leaves out a missing year', () => {
    expect(studyLabel({ authors: [{ family: ' ' }], year: null, title: 'Video consultations in palliative care at home' })).toBe('Video consultations in palliative');
  });
});
