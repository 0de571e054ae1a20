/**
 * The demo review, created on first start: telehealth in palliative care for advanced cancer, shaped
 * like our reference review (its question, criteria and outcomes), with three demo accounts and the
 * committed demo exports (demo/exports/, assembled from public bibliographic metadata) imported as
 * search runs. The search dates and strategies are illustrative.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createReview, createUser, dedupReview, DEFAULT_EXCLUSION_REASONS, importSearchRun, setMember, setSettings, type Store } from '@metasift/store';

export const DEMO_PASSWORD = 'metasift-demo';
export const DEMO_USERS = [
  { email: 'owner@demo.metasift', displayName: 'Demo owner', role: 'owner' },
  { email: 'reviewer1@demo.metasift', displayName: 'Reviewer one', role: 'reviewer' },
  { email: 'reviewer2@demo.metasift', displayName: 'Reviewer two', role: 'reviewer' },
] as const;

export const DEMO_PROTOCOL = {
  question: 'In adults with advanced cancer receiving palliative care, does telehealth improve quality of life, symptom burden and depression compared with usual care, and what does implementation require?',
  pico: {
    population: 'Adults (18+) with advanced or incurable cancer receiving palliative or supportive care',
    intervention: 'Telehealth: video consultations, telephone follow-up, telemonitoring, mobile apps, text messaging',
    comparator: 'Usual care or in-person care',
    outcomes: 'Quality of life, symptom burden, depression; implementation requirements',
  },
  criteria: [
    { id: 'I1', kind: 'inclusion', text: 'Adults with advanced cancer' },
    { id: 'I2', kind: 'inclusion', text: 'Palliative care delivered at least partly by telehealth' },
    { id: 'I3', kind: 'inclusion', text: 'Controlled trials, observational or qualitative studies' },
    { id: 'E1', kind: 'exclusion', text: 'Caregivers only, children, or non-cancer populations' },
    { id: 'E2', kind: 'exclusion', text: 'Reviews, protocols, commentaries' },
    { id: 'E3', kind: 'exclusion', text: 'Telehealth during curative treatment or survivorship' },
  ],
  outcomes: [
    { name: 'Quality of life', direction: 'higher', primary: true, measure: 'SMD' },
    { name: 'Symptom burden', direction: 'lower', primary: true, measure: 'SMD' },
    { name: 'Depression', direction: 'lower', primary: false, measure: 'SMD' },
  ],
  analyses: [
    'Random-effects meta-analysis of RCTs (REML, Hartung-Knapp) as standardized mean differences with 95% CIs',
    'Subgroups by modality: video vs telephone vs text',
    'Sensitivity: low risk of bias only; publication bias by funnel plot and Egger test where k >= 10',
    'Certainty of evidence with GRADE',
    'Narrative synthesis of implementation requirements (SWiM)',
  ],
  registry_id: '',
  synthesis_grouping: 'mode',
};

const SEARCHES = [
  { file: 'pubmed-medline.txt', database: 'MEDLINE', platform: 'PubMed', strategy: '(telemedicine[mh] OR telehealth OR video* OR telephone) AND (palliative care[mh] OR palliat*) AND (neoplasms[mh] OR cancer)' },
  { file: 'embase-ovid.ris', database: 'Embase', platform: 'Ovid', strategy: 'exp telemedicine/ AND exp palliative therapy/ AND exp neoplasm/' },
  { file: 'cochrane-central.ris', database: 'CENTRAL', platform: 'Cochrane Library', strategy: '(telehealth OR telemedicine OR video OR telephone) AND palliative AND cancer' },
] as const;

/** Creates the demo review unless the store already has users; returns whether it did. */
export async function seedDemo(store: Store, exportsDir: string): Promise<boolean> {
  const any = await store.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any) return false;
  const ids: number[] = [];
  for (const u of DEMO_USERS) ids.push(await createUser(store, { email: u.email, displayName: u.displayName, password: DEMO_PASSWORD }));
  const owner = ids[0]!;
  const review = await createReview(store, owner, { title: 'Telehealth in palliative care for advanced cancer (demo)', protocol: DEMO_PROTOCOL });
  for (let i = 1; i < ids.length; i++) await setMember(store, owner, review, ids[i]!, DEMO_USERS[i]!.role);
  for (const s of SEARCHES) {
    const text = readFileSync(join(exportsDir, s.file), 'utf8');
    await importSearchRun(store, owner, review, { database: s.database, platform: s.platform, searchedOn: '2024-03-01', strategy: s.strategy, fileName: s.file, text });
  }
  await dedupReview(store, owner, review);
  await setSettings(store, owner, review, {
    reviewersPerRecord: 2,
    maybeCountsAsInclude: true,
    exclusionReasons: ['Not advanced cancer', 'Not telehealth', 'Not palliative or supportive care', 'Wrong study design (review, protocol, commentary)', 'No eligible outcome', ...DEFAULT_EXCLUSION_REASONS.filter((r) => r === 'Full text not in an eligible language')],
    highlight: {
      include: ['telehealth', 'telemedicine', 'video', 'telephone', 'palliative', 'advanced cancer', 'randomised', 'randomized', 'quality of life', 'symptom', 'depression'],
      exclude: ['children', 'paediatric', 'pediatric', 'survivorship', 'protocol', 'review', 'caregiver'],
    },
  });
  return true;
}
