/**
 * Data extraction, risk-of-bias appraisal and narrative synthesis on each backend: the included studies (one per study,
 * however many reports), two blinded extractions, the comparison, a consensus, the outcome table the
 * analysis reads, two assessments with the tool the design calls for and the figures' data, effect
 * directions and themes coded across the studies, the audit trail — and bad input refused with nothing
 * written.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amendProtocol, appraisedStudies, attachReport, saveAnalysis, savedAnalyses, auditTrail, codeExcerpt, createReview, createTheme, effectDirectionsOf, resultsTablesOf, gradeAssessments, listThemes, removeCode, saveGrade, createUser, decide, extractedOutcome, importSearchRun, includedStudies, linkReports, prismaCounts, robFigures, saveAppraisal, saveConsensus, saveExtraction, setMember, studyAppraisal, studyCharacteristics, studyExtraction, type Store } from '../src/index.js';
import { backends } from './backends.js';
import { MEDLINE } from './fixtures/overlap.js';
import { PROTOCOL } from './fixtures/protocol.js';

const qol = (m1i: number, sd2i: number) => ({ kind: 'continuous', values: { m1i, sd1i: 10, n1i: 40, m2i: 50, sd2i, n2i: 41 }, timepoint: '12 weeks', instrument: 'FACT-G' });

for (const backend of backends('extraction')) describe(`data extraction on ${backend.name}`, () => {
  let dir: string;
  let store: Store;
  let owner: number;
  let alice: number;
  let bob: number;
  let viewer: number;
  let review: number;
  const ids = new Map<string, number>();
  const rec = (start: string): number => [...ids].find(([t]) => t.startsWith(start))![1];
  const rows = async (): Promise<number> => (await store.db.selectFrom('extractions').select('id').execute()).length + (await store.db.selectFrom('studies').select('id').execute()).length;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'metasift-extraction-'));
    store = await backend.open(dir);
    owner = await createUser(store, { email: 'owner@example.org', displayName: 'Owner', password: 'correct horse' });
    alice = await createUser(store, { email: 'alice@example.org', displayName: 'Alice', password: 'correct horse' });
    bob = await createUser(store, { email: 'bob@example.org', displayName: 'Bob', password: 'correct horse' });
    viewer = await createUser(store, { email: 'viewer@example.org', displayName: 'Viewer', password: 'correct horse' });
    review = await createReview(store, owner, { title: 'Telehealth in palliative care', protocol: PROTOCOL });
    await setMember(store, owner, review, alice, 'reviewer');
    await setMember(store, owner, review, bob, 'reviewer');
    await setMember(store, owner, review, viewer, 'viewer');
    await importSearchRun(store, owner, review, { database: 'MEDLINE', platform: 'PubMed', searchedOn: '2024-01-10', strategy: 'telehealth', fileName: 'medline.ris', text: MEDLINE });
    for (const r of await store.db.selectFrom('records').select(['id', 'title']).where('review_id', '=', review).orderBy('id').execute()) ids.set(r.title, r.id);
    const included = ['Video consultations', 'Telephone follow-up', 'Text messaging'];
    const isIncluded = (title: string): boolean => included.some((t) => title.startsWith(t));
    for (const who of [alice, bob]) for (const [title, id] of ids) await decide(store, who, review, { stage: 'title_abstract', recordId: id, verdict: isIncluded(title) ? 'include' : 'exclude', reasons: [] });
    for (const who of [alice, bob]) for (const [title, id] of ids) if (isIncluded(title)) await decide(store, who, review, { stage: 'full_text', recordId: id, verdict: 'include', reasons: [] });
    const report = await attachReport(store, alice, review, { recordId: rec('Video consultations'), fileName: 'smith.pdf', mediaType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4\n%%EOF\n') });
    await linkReports(store, owner, review, { reportIds: [report.id], studyId: null, label: 'Smith 2020 (SMILE)', design: 'RCT' });
  });

  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the included studies, labelled by the study or its first author and year', async () => {
    const list = await includedStudies(store, alice, review);
    expect(list.map((s) => [s.label, s.status, s.studyId === null])).toEqual([
      ['Smith 2020 (SMILE)', 'not started', false],
      ['Doe 2019', 'not started', true],
      ['Lee 2021', 'not started', true],
    ]);
  });

  it('refuses bad input and the wrong people, writing nothing', async () => {
    const before = await rows();
    await expect(saveExtraction(store, alice, review, { recordId: rec('Telephone') }, { outcomes: { Pain: qol(1, 1) } })).rejects.toThrow(
      'invalid extraction: outcomes.Pain: not an outcome of the protocol (Quality of life, Symptom burden)',
    );
    await expect(saveExtraction(store, alice, review, { recordId: rec('Telephone') }, { outcomes: { 'Quality of life': { ...qol(1, 1), values: { sd1i: -2 } } } })).rejects.toThrow(
      'outcomes.Quality of life.values.sd1i: must be greater than 0',
    );
    await expect(saveExtraction(store, alice, review, { recordId: rec('Surgical') }, { outcomes: {} })).rejects.toThrow(/record \d+ is not an included study/);
    await expect(saveExtraction(store, viewer, review, { recordId: rec('Telephone') }, { outcomes: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(saveConsensus(store, owner, review, { studyId: 999999 }, { outcomes: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(saveConsensus(store, owner, review, { recordId: rec('Text') }, { outcomes: {} })).rejects.toThrow('Lee 2021 has 0 extraction(s); a consensus settles two');
    expect(await rows()).toBe(before);
  });

  it('keeps two extractions blinded from each other until both are saved, then compares them', async () => {
    const first = await saveExtraction(store, alice, review, { recordId: rec('Telephone') }, { characteristics: { mode: 'telephone', country: 'UK' }, outcomes: { 'Quality of life': qol(60, 11) } });
    expect(first.study.studyId).not.toBeNull();
    expect(first.study).toMatchObject({ label: 'Doe 2019', status: 'in progress', extractors: 1, mine: true });
    const studyId = first.study.studyId!;
    // Bob has not extracted: he does not see Alice's; the owner, who did not extract, does
    expect((await studyExtraction(store, bob, review, { studyId })).others).toEqual([]);
    expect((await studyExtraction(store, owner, review, { studyId })).others.map((x) => x.reviewer)).toEqual(['Alice']);
    await expect(saveConsensus(store, owner, review, { studyId }, { outcomes: {} })).rejects.toThrow('Doe 2019 has 1 extraction(s); a consensus settles two');
    const second = await saveExtraction(store, bob, review, { studyId }, { characteristics: { mode: 'telephone', country: 'UK' }, outcomes: { 'Quality of life': qol(60, 12) } });
    expect(second.study.status).toBe('to settle');
    expect(second.others.map((x) => x.reviewer)).toEqual(['Alice']);
    expect(second.comparison?.differences).toEqual([{ path: 'outcomes.Quality of life.values.sd2i', label: 'Quality of life: SD, comparator', a: '11', b: '12', outcome: 'Quality of life', key: 'sd2i' }]);
    expect(second.comparison).toMatchObject({ compared: 10, agreed: 9, a: { reviewer: 'Alice' }, b: { reviewer: 'Bob' } }) // mode, country, six numbers, time point, instrument;
    // the list carries the agreement counts for the report, never the values, to anyone
    expect((await includedStudies(store, viewer, review)).find((s) => s.label === 'Doe 2019')).toMatchObject({ status: 'to settle', extractors: 2, fields: { compared: 10, agreed: 9 } });
    // the study founded for the extraction counts once, as before
    expect((await prismaCounts(store, owner, review)).included_studies).toBe(3);
  });

  it('leaves unsettled studies out of the outcome table, saying so, and puts settled ones in', async () => {
    const doe = (await includedStudies(store, owner, review)).find((s) => s.label === 'Doe 2019')!;
    let t = await extractedOutcome(store, viewer, review, 'Quality of life');
    expect(t.studies).toBe(0);
    expect(t.notes).toEqual(['Smith 2020 (SMILE): extraction not started, left out.', 'Doe 2019: extraction to settle, left out.', 'Lee 2021: extraction not started, left out.']);
    const settled = await saveConsensus(store, owner, review, { recordId: doe.recordIds[0]! }, { characteristics: { mode: 'telephone', country: 'UK' }, outcomes: { 'Quality of life': { ...qol(60, 12), note: 'SD from Table 2' } } });
    expect(settled.study.status).toBe('settled');
    expect(settled.consensus?.reviewer).toBe('Owner');
    // two identical extractions agree without a consensus step
    for (const who of [alice, bob]) await saveExtraction(store, who, review, { recordId: rec('Video') }, { characteristics: { mode: 'video' }, outcomes: { 'Quality of life': qol(58, 10) } });
    expect((await includedStudies(store, alice, review)).map((s) => s.status)).toEqual(['agreed', 'settled', 'not started']);
    t = await extractedOutcome(store, viewer, review, 'Quality of life');
    expect(t.studies).toBe(2);
    expect(t.measure).toBe('SMD');
    expect(t.csv.split('\r\n').slice(0, 3)).toEqual([
      'study,country,mode,timepoint,instrument,m1i,sd1i,n1i,m2i,sd2i,n2i',
      'Smith 2020 (SMILE),,video,12 weeks,FACT-G,58,10,40,50,10,41',
      'Doe 2019,UK,telephone,12 weeks,FACT-G,60,10,40,50,12,41',
    ]);
    const ch = await studyCharacteristics(store, viewer, review);
    expect(ch.columns).toEqual(['Study', 'Country', 'Mode of delivery', 'Outcomes reported']);
    expect(ch.rows).toEqual([
      ['Smith 2020 (SMILE)', '', 'video', 'Quality of life'],
      ['Doe 2019', 'UK', 'telephone', 'Quality of life'],
    ]);
    expect(ch.notes).toEqual(['Lee 2021: extraction not started, left out.']);
    await expect(extractedOutcome(store, viewer, review, 'Pain')).rejects.toThrow('"Pain" is not an outcome of the protocol (Quality of life, Symptom burden)');
  });

  it('audits every save with what it replaced', async () => {
    const events = (await auditTrail(store.db, review)).filter((e) => e.entity === 'extraction');
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ['save', alice],
      ['save', bob],
      ['consensus', owner],
      ['save', alice],
      ['save', bob],
    ]);
    await saveExtraction(store, alice, review, { recordId: rec('Video') }, { characteristics: { mode: 'video call' }, outcomes: {} });
    const last = (await auditTrail(store.db, review)).filter((e) => e.entity === 'extraction').at(-1)!;
    expect(last.before).toMatchObject({ data: { characteristics: { mode: 'video' } } });
    expect(last.after).toMatchObject({ data: { characteristics: { mode: 'video call' }, outcomes: {} } });
    expect((await includedStudies(store, alice, review))[0]!.status).toBe('to settle');
  });

  it('appraises risk of bias with the tool the design calls for, blinded, then settled', async () => {
    const list = await appraisedStudies(store, viewer, review);
    expect(list.map((s) => [s.label, s.design, s.suggestedTool, s.status])).toEqual([
      ['Smith 2020 (SMILE)', 'RCT', 'rob2', 'not started'],
      ['Doe 2019', '', null, 'not started'],
      ['Lee 2021', '', null, 'not started'],
    ]);
    const smith = { recordId: rec('Video') };
    const judged = (...js: string[]) => js.map((judgement) => ({ judgement, support: '' }));
    const before = (await store.db.selectFrom('rob_assessments').select('id').execute()).length;
    await expect(saveAppraisal(store, alice, review, smith, { tool: 'rob2', domains: judged('serious') })).rejects.toThrow('invalid assessment: domains.1.judgement: "serious" is not a RoB 2 judgement');
    await expect(saveAppraisal(store, viewer, review, smith, { tool: 'rob2' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(saveAppraisal(store, owner, review, smith, { tool: 'rob2' }, true)).rejects.toThrow('Smith 2020 (SMILE) has 0 assessment(s); a consensus settles two');
    expect((await store.db.selectFrom('rob_assessments').select('id').execute()).length).toBe(before);
    await saveAppraisal(store, alice, review, smith, { tool: 'rob2', domains: [{ judgement: 'low', support: 'Central web randomisation (p. 3).' }, ...judged('some', 'low', 'low', 'low')], overall: { judgement: 'some', support: '' } });
    expect((await studyAppraisal(store, bob, review, smith)).others).toEqual([]);
    const both = await saveAppraisal(store, bob, review, smith, { tool: 'rob2', domains: [{ judgement: 'low', support: 'Central web randomisation (p. 3).' }, ...judged('high', 'low', 'low', 'low')], overall: { judgement: 'high', support: '' } });
    expect(both.study.status).toBe('to settle');
    expect(both.comparison?.differences.map((d) => [d.label, d.a, d.b])).toEqual([
      ['D2 Bias due to deviations from intended interventions', 'Some concerns', 'High'],
      ['Overall', 'Some concerns', 'High'],
    ]);
    let figures = await robFigures(store, viewer, review);
    expect(figures.tools).toEqual([]);
    await saveAppraisal(store, owner, review, smith, { tool: 'rob2', domains: judged('low', 'some', 'low', 'low', 'low'), overall: { judgement: 'some', support: 'D2: open-label video visits.' } }, true);
    figures = await robFigures(store, viewer, review);
    expect(figures.tools).toEqual([expect.objectContaining({ tool: 'RoB 2', studies: [{ label: 'Smith 2020 (SMILE)', judgements: ['low', 'some', 'low', 'low', 'low'], overall: 'some' }] })]);
    expect(figures.notes).toEqual(['Doe 2019: assessment not started, left out.', 'Lee 2021: assessment not started, left out.']);
    expect((await auditTrail(store.db, review)).filter((e) => e.entity === 'assessment').map((e) => e.action)).toEqual(['save', 'save', 'consensus']);
  });

  it('judges a result apart from the study (RoB 2 judges results), compares and settles it, and draws the outcome’s figures with it', async () => {
    const doe = { recordId: rec('Telephone') };
    const judged = (...js: string[]) => js.map((judgement) => ({ judgement, support: '' }));
    const study = { tool: 'rob2', domains: judged('low', 'some', 'low', 'low', 'low'), overall: { judgement: 'some', support: '' } };
    const before = (await store.db.selectFrom('rob_assessments').select('id').execute()).length;
    await expect(saveAppraisal(store, alice, review, doe, { ...study, results: [{ outcome: 'Pain', overall: { judgement: 'high' } }] })).rejects.toThrow('invalid assessment: results.1.outcome: "Pain" is not an outcome of the protocol (Quality of life, Symptom burden)');
    expect((await store.db.selectFrom('rob_assessments').select('id').execute()).length).toBe(before);
    // symptom burden self-reported by unblinded participants, a third of the diaries missing
    const symptoms = (d3: string, overall: string) => ({ outcome: 'Symptom burden', domains: judged('low', 'some', d3, 'high', 'low'), overall: { judgement: overall, support: '' } });
    await saveAppraisal(store, alice, review, doe, { ...study, results: [symptoms('high', 'high')] });
    const both = await saveAppraisal(store, bob, review, doe, { ...study, results: [symptoms('some', 'high')] });
    expect(both.comparison?.differences.filter((d) => !d.informational).map((d) => [d.path, d.a, d.b])).toEqual([['results.Symptom burden.domains.3.judgement', 'High', 'Some concerns']]);
    expect(both.study.status).toBe('to settle');
    await saveAppraisal(store, owner, review, doe, { ...study, results: [symptoms('high', 'high')] }, true);
    const figures = await robFigures(store, viewer, review);
    // the study-wide figure has Doe's study judgements; symptom burden's has its result's, and Smith's study-wide ones
    expect(figures.tools[0]!.studies.map((x) => [x.label, x.overall])).toEqual([['Smith 2020 (SMILE)', 'some'], ['Doe 2019', 'some']]);
    expect(figures.outcomes).toEqual([
      {
        outcome: 'Symptom burden',
        tools: [expect.objectContaining({ tool: 'RoB 2', outcome: 'Symptom burden', studies: [{ label: 'Smith 2020 (SMILE)', judgements: ['low', 'some', 'low', 'low', 'low'], overall: 'some' }, { label: 'Doe 2019', judgements: ['low', 'some', 'high', 'high', 'low'], overall: 'high' }] })],
      },
    ]);
    const last = (await auditTrail(store.db, review)).filter((e) => e.entity === 'assessment').at(-1)!;
    expect(last.after).toMatchObject({ data: { results: [{ outcome: 'Symptom burden', overall: { judgement: 'high' } }] } });
  });
  it('counts votes by direction of effect from the final data, with a sign test per outcome', async () => {
    const d = await effectDirectionsOf(store, viewer, review);
    // Doe's consensus: QoL 60 against 50, higher is better; Smith's two extractions differ again (to settle)
    expect(d.plot.studies).toEqual([{ label: 'Doe 2019', n: 81, cells: ['benefit', null] }]);
    expect(d.signTests).toEqual([
      { outcome: 'Quality of life', benefit: 1, harm: 0, none: 0, p: 1 },
      { outcome: 'Symptom burden', benefit: 0, harm: 0, none: 0, p: 1 },
    ]);
    expect(d.notes).toEqual(['Smith 2020 (SMILE): extraction to settle, left out.', 'Lee 2021: extraction not started, left out.']);
  });

  it('groups the effect directions by a characteristic of the review, and names one it does not have', async () => {
    const d = await effectDirectionsOf(store, viewer, review, 'mode');
    expect(d.plot.studies.map((s) => [s.group, s.label])).toEqual([['telephone', 'Doe 2019']]);
    expect(d.groups?.map((g) => [g.group, g.signTests[0]!.benefit])).toEqual([['telephone', 1]]);
    await expect(effectDirectionsOf(store, viewer, review, 'colour')).rejects.toThrow(/^groupBy: "colour" is not a characteristic of the review \(design, country, .*mode/);
  });

  it('groups as the protocol plans unless asked otherwise, and refuses a planned grouping the review lacks with nothing written', async () => {
    const protocol = JSON.parse((await store.db.selectFrom('reviews').select('protocol').where('id', '=', review).executeTakeFirstOrThrow()).protocol) as Record<string, unknown>;
    const audited = (await auditTrail(store.db, review)).length;
    await expect(amendProtocol(store, owner, review, { ...protocol, synthesis_grouping: 'colour' }, 'grouping')).rejects.toThrow(/^invalid protocol: synthesis_grouping: "colour" is not a characteristic of the review \(design, country, .*, funding\)$/);
    expect([(await auditTrail(store.db, review)).length, JSON.parse((await store.db.selectFrom('reviews').select('protocol').where('id', '=', review).executeTakeFirstOrThrow()).protocol)]).toEqual([audited, protocol]);
    expect((await effectDirectionsOf(store, viewer, review)).grouping).toBeNull();
    await amendProtocol(store, owner, review, { ...protocol, synthesis_grouping: 'mode' }, 'SWiM: grouped by mode of delivery');
    const planned = await effectDirectionsOf(store, viewer, review);
    expect(planned.grouping).toEqual({ id: 'mode', label: 'Mode of delivery', planned: true });
    expect(planned.plot.studies.map((s) => s.group)).toEqual(['telephone']);
    // asked for no grouping, or another one
    const none = await effectDirectionsOf(store, viewer, review, '');
    expect([none.grouping, none.groups, none.plot.studies.map((s) => s.group)]).toEqual([null, undefined, [undefined]]);
    expect((await effectDirectionsOf(store, viewer, review, 'design')).grouping).toEqual({ id: 'design', label: 'Design', planned: false });
  });

  it('tabulates the results of individual studies per outcome, each with its risk of bias for that outcome', async () => {
    const r = await resultsTablesOf(store, viewer, review);
    expect(r.tables.map((t) => [t.outcome, t.rows.length])).toEqual([
      ['Quality of life', 1],
      ['Symptom burden', 0],
    ]);
    const qol = r.tables[0]!;
    const cell = (col: string): string => qol.rows[0]![qol.columns.indexOf(col)]!;
    // Doe's consensus, 60 against 50 (SD 10 and 11); its risk of bias judged for the whole study: some concerns
    expect([cell('Study'), cell('Participants'), cell('Direction'), cell('Risk of bias')]).toEqual(['Doe 2019', '81', '▲ favours the intervention', 'Some concerns']);
    expect(cell('SMD (95% CI)')).toMatch(/^0\.\d\d \(/);
    expect(r.notes).toEqual(['Smith 2020 (SMILE): extraction to settle, left out.', 'Lee 2021: extraction not started, left out.']);
    await expect(resultsTablesOf(store, 999999, review)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('codes excerpts of the included studies under themes, and refuses what does not belong', async () => {
    const tech = await createTheme(store, alice, review, { name: 'Technical problems', description: 'Connection, devices, usability' });
    await expect(createTheme(store, bob, review, { name: ' technical PROBLEMS ' })).rejects.toThrow('name: the review already has a theme "technical PROBLEMS"');
    await expect(createTheme(store, bob, review, { name: '  ' })).rejects.toThrow('name: required');
    await expect(createTheme(store, viewer, review, { name: 'Trust' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const studiesBefore = (await store.db.selectFrom('studies').select('id').execute()).length;
    await expect(codeExcerpt(store, alice, review, tech.id, { recordId: rec('Surgical') }, 'x')).rejects.toThrow(/is not an included study/);
    await expect(codeExcerpt(store, alice, review, 999999, { recordId: rec('Text') }, 'x')).rejects.toThrow(`theme 999999 is not in review ${review}`);
    await expect(codeExcerpt(store, alice, review, tech.id, { recordId: rec('Text') }, ' ')).rejects.toThrow('excerpt: required');
    expect((await store.db.selectFrom('studies').select('id').execute()).length).toBe(studiesBefore);
    const lee = await codeExcerpt(store, alice, review, tech.id, { recordId: rec('Text') }, '“The app kept logging me out.”');
    await codeExcerpt(store, bob, review, tech.id, { recordId: rec('Video') }, 'Video dropped in rural areas (p. 7).');
    expect(lee.study).toBe('Lee 2021');
    const listed = await listThemes(store, viewer, review);
    expect(listed.themes).toEqual([{ id: tech.id, name: 'Technical problems', description: 'Connection, devices, usability', codes: [lee, expect.objectContaining({ study: 'Smith 2020 (SMILE)', excerpt: 'Video dropped in rural areas (p. 7).' })] }]);
    expect(listed.studies.map((x) => x.label)).toEqual(['Smith 2020 (SMILE)', 'Doe 2019', 'Lee 2021']);
    await removeCode(store, owner, review, lee.id);
    await expect(removeCode(store, owner, review, lee.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await listThemes(store, viewer, review)).themes[0]!.codes.map((c) => c.study)).toEqual(['Smith 2020 (SMILE)']);
    const trail = (await auditTrail(store.db, review)).filter((e) => e.entity === 'theme' || e.entity === 'theme-code');
    expect(trail.map((e) => `${e.entity} ${e.action}`)).toEqual(['theme create', 'theme-code create', 'theme-code create', 'theme-code remove']);
    expect(trail.at(-1)!.before).toMatchObject({ excerpt: '“The app kept logging me out.”' });
    // coding Lee founded its study; it still counts once
    expect((await prismaCounts(store, owner, review)).included_studies).toBe(3);
  });
  it('keeps the latest GRADE assessment per outcome, audited with what it replaced; a bad one writes nothing', async () => {
    const count = async () => (await store.db.selectFrom('analyses').select('id').execute()).length;
    await expect(saveGrade(store, alice, review, { outcome: 'Quality of life', start: 'high', domains: { imprecision: { levels: 1 } } })).rejects.toThrow('domains.imprecision.reason: say why');
    await expect(saveGrade(store, viewer, review, { outcome: 'Quality of life', start: 'high' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await count()).toBe(0);
    await saveGrade(store, alice, review, { outcome: 'Quality of life', start: 'high', domains: { imprecision: { levels: 1, reason: '161 participants.' } } });
    await saveGrade(store, bob, review, { outcome: 'Quality of life', start: 'high', domains: { imprecision: { levels: 2, reason: '161 participants; CI wide.' } } });
    const saved = await gradeAssessments(store, viewer, review);
    expect(saved.map((a) => [a.outcome, a.domains.imprecision.levels])).toEqual([['Quality of life', 2]]);
    const last = (await auditTrail(store.db, review)).filter((e) => e.entity === 'grade').at(-1)!;
    expect(last.before).toMatchObject({ domains: { imprecision: { levels: 1 } } });
    expect(last.actorId).toBe(bob);
  });
  it('links a report to the study its record founded, keeping the data; refuses to strand them under another study', async () => {
    const doe = (await includedStudies(store, owner, review)).find((s) => s.label === 'Doe 2019')!;
    const smith = (await includedStudies(store, owner, review)).find((s) => s.label === 'Smith 2020 (SMILE)')!;
    const report = await attachReport(store, bob, review, { recordId: rec('Telephone'), fileName: 'doe.pdf', mediaType: 'application/pdf', bytes: new TextEncoder().encode('%PDF-1.4 doe\n%%EOF\n') });
    await expect(linkReports(store, owner, review, { reportIds: [report.id], studyId: smith.studyId })).rejects.toThrow(/has data of its own under study \d+ .*: link its reports to study \d+, or to a new study, instead of study \d+/);
    const linked = await linkReports(store, owner, review, { reportIds: [report.id], studyId: null, label: 'Doe 2019 (TELE)' });
    expect(linked).toBe(doe.studyId);
    expect((await includedStudies(store, owner, review)).find((s) => s.studyId === doe.studyId)).toMatchObject({ label: 'Doe 2019 (TELE)', status: 'settled' });
    expect((await prismaCounts(store, owner, review)).included_studies).toBe(3);
  });
  it('keeps the analysis of record per outcome beside the GRADE ratings, each kind apart', async () => {
    const before = (await store.db.selectFrom('analyses').select('id').execute()).length;
    await expect(saveAnalysis(store, alice, review, { outcome: 'Pain' })).rejects.toThrow('invalid analysis: outcome: "Pain" is not an outcome of the protocol (Quality of life, Symptom burden)');
    await expect(saveAnalysis(store, alice, review, { outcome: 'Quality of life', method: 'OLS' })).rejects.toThrow(/invalid analysis: method: /);
    await expect(saveAnalysis(store, viewer, review, { outcome: 'Quality of life' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    // a sensitivity subset is read as the CLI reads it; none beside moderators
    await expect(saveAnalysis(store, alice, review, { outcome: 'Quality of life', sensitivity: ['risk_of_bias!=High', 'risk_of_bias'] })).rejects.toThrow(/^invalid analysis: sensitivity\.1: sensitivity "risk_of_bias": expected COLUMN=VALUE/);
    await expect(saveAnalysis(store, alice, review, { outcome: 'Quality of life', mods: ['year'], sensitivity: ['design=RCT'] })).rejects.toThrow('invalid analysis: sensitivity: subsets are refitted for a model without moderators');
    await expect(saveAnalysis(store, alice, review, { outcome: 'Quality of life', method: 'MH', cluster: 'study_id' })).rejects.toThrow('invalid analysis: cluster: cluster-robust tests need a model fitted by rma, not MH');
    // the three-level model is rma.mv's: REML or ML, z or t (no Knapp-Hartung), no subgroups (a moderator instead)
    await expect(saveAnalysis(store, alice, review, { outcome: 'Quality of life', method: 'DL', multilevel: 'study_id' })).rejects.toThrow('invalid analysis: method: the three-level model is fitted by REML or ML (as rma.mv), not DL');
    await expect(saveAnalysis(store, alice, review, { outcome: 'Quality of life', test: 'knha', multilevel: 'study_id' })).rejects.toThrow(/^invalid analysis: test: the three-level model has no Knapp-Hartung adjustment/);
    await expect(saveAnalysis(store, alice, review, { outcome: 'Quality of life', subgroup: 'mode', multilevel: 'study_id' })).rejects.toThrow(/^invalid analysis: subgroup: with the three-level model, compare subgroups as a moderator/);
    await expect(saveAnalysis(store, alice, review, { outcome: 'Quality of life', test: 'adhoc', multilevel: 'study_id' })).rejects.toThrow('invalid analysis: test: the three-level model has no Knapp-Hartung adjustment (adhoc); use t or z');
    await expect(saveAnalysis(store, alice, review, { outcome: 'Quality of life', test: 'hksj' })).rejects.toThrow(/^invalid analysis: test: Invalid (enum value|option)/);
    expect((await store.db.selectFrom('analyses').select('id').execute()).length).toBe(before);
    await saveAnalysis(store, alice, review, { outcome: 'Quality of life', test: 'knha', subgroup: 'mode', sensitivity: ['risk_of_bias!=High'] });
    expect(await savedAnalyses(store, viewer, review)).toEqual([{ outcome: 'Quality of life', measure: '', method: 'REML', test: 'knha', level: 95, subgroup: 'mode', mods: [], sensitivity: ['risk_of_bias!=High'], cumulative: '', cluster: '', multilevel: '' }]);
    // the GRADE rating saved earlier under the same outcome is untouched
    expect((await gradeAssessments(store, viewer, review)).map((a) => a.domains.imprecision.levels)).toEqual([2]);
    expect((await auditTrail(store.db, review)).filter((e) => e.entity === 'analysis').map((e) => e.action)).toEqual(['save']);
    await saveAnalysis(store, alice, review, { outcome: 'Quality of life', test: 't', multilevel: 'study_id', cluster: 'study_id' });
    expect(await savedAnalyses(store, viewer, review)).toEqual([expect.objectContaining({ method: 'REML', test: 't', subgroup: '', multilevel: 'study_id', cluster: 'study_id' })]);
  });

  it('extracts the protocol’s own fields beside the built-in ones: a choice checked, a column of the analysis table; a field dropped is hidden, not lost', async () => {
    const p = (await store.db.selectFrom('reviews').select('protocol').where('id', '=', review).executeTakeFirstOrThrow()).protocol;
    const protocol = JSON.parse(p) as Record<string, unknown>;
    const before = await rows();
    await expect(amendProtocol(store, owner, review, { ...protocol, extraction_fields: [{ id: 'mode', label: 'Mode' }, { id: 'frame', label: 'Framework', options: ['yes', 'yes'] }, { id: 'Bad id', label: 'x' }] }, 'fields')).rejects.toThrow(
      /^invalid protocol: extraction_fields\.2\.id: a short name in lower case.*; extraction_fields\.0\.id: "mode" is a built-in characteristic or a column of the analysis tables; extraction_fields\.1\.options: an answer is given twice$/,
    );
    await amendProtocol(store, owner, review, { ...protocol, extraction_fields: [{ id: 'framework', label: 'Theoretical framework', options: ['yes', 'no'] }] }, 'the framework is a subgroup');
    const lee = { recordId: rec('Text') };
    await expect(saveExtraction(store, alice, review, lee, { characteristics: { framework: 'maybe' } })).rejects.toThrow('invalid extraction: characteristics.framework: "maybe" is not one of "yes", "no"');
    await expect(saveExtraction(store, alice, review, lee, { characteristics: { theory: 'yes' } })).rejects.toThrow(/characteristics\.theory: unknown characteristic; known: design, .*, funding, framework, notes$/);
    expect(await rows()).toBe(before);
    for (const [who, answer] of [[alice, 'yes'], [bob, 'no']] as const) await saveExtraction(store, who, review, lee, { characteristics: { mode: 'text', framework: answer }, outcomes: { 'Quality of life': qol(57, 10) } });
    const compared = await studyExtraction(store, owner, review, lee);
    expect(compared.comparison?.differences.map((d) => [d.label, d.a, d.b])).toEqual([['Theoretical framework', 'yes', 'no']]);
    await saveConsensus(store, owner, review, lee, { characteristics: { mode: 'text', framework: 'yes' }, outcomes: { 'Quality of life': qol(57, 10) } });
    const t = await extractedOutcome(store, viewer, review, 'Quality of life');
    // the final risk of bias for the outcome is a column too (Lee not yet appraised)
    expect(t.csv.split('\r\n')[0]).toBe('study,country,mode,framework,risk_of_bias,timepoint,instrument,m1i,sd1i,n1i,m2i,sd2i,n2i');
    expect(t.csv).toContain('Lee 2021,,text,yes,,12 weeks');
    expect(t.csv).toContain('\r\nDoe 2019 (TELE),UK,telephone,,Some concerns,12 weeks,');
    expect((await studyCharacteristics(store, viewer, review)).columns).toContain('Theoretical framework');
    // grouped for synthesis by the review's own field; dropping the field while the grouping names it is refused
    await amendProtocol(store, owner, review, { ...protocol, extraction_fields: [{ id: 'framework', label: 'Theoretical framework', options: ['yes', 'no'] }], synthesis_grouping: 'framework' }, 'grouped by framework');
    // Lee's consensus answered yes; Doe's was settled before the field existed
    expect((await effectDirectionsOf(store, viewer, review)).groups?.map((g) => g.group)).toEqual(['yes', 'Not reported']);
    await expect(amendProtocol(store, owner, review, { ...protocol, synthesis_grouping: 'framework' }, 'framework dropped')).rejects.toThrow(/synthesis_grouping: "framework" is not a characteristic of the review/);
    // the field dropped from the protocol: gone from the tables, kept in the saved extraction
    await amendProtocol(store, owner, review, protocol, 'framework dropped');
    expect((await extractedOutcome(store, viewer, review, 'Quality of life')).csv.split('\r\n')[0]).not.toContain('framework');
    expect((await studyExtraction(store, owner, review, lee)).consensus?.data.characteristics).toMatchObject({ framework: 'yes' });
  });

  it('takes a multi-arm trial as comparisons: a row each in the analysis, the shared comparator group split, one study in the counts', async () => {
    const lee = { recordId: rec('Text') };
    const before = await rows();
    const three = {
      characteristics: { mode: 'text', intervention: 'text messages' },
      outcomes: { 'Quality of life': qol(57, 10) },
      comparisonLabel: 'text',
      moreComparisons: [{ label: 'text + video', sharedComparator: true, characteristics: { mode: 'video', intervention: 'text messages and video calls' }, outcomes: { 'Quality of life': qol(61, 10) } }],
    };
    await expect(saveConsensus(store, owner, review, lee, { ...three, moreComparisons: [...three.moreComparisons, { ...three.moreComparisons[0], label: 'Text' }] })).rejects.toThrow('moreComparisons.1.label: "Text" labels another comparison of the study');
    expect(await rows()).toBe(before);
    await saveConsensus(store, owner, review, lee, three);
    const t = await extractedOutcome(store, viewer, review, 'Quality of life');
    // Smith's data are unsettled by now: Doe, and Lee's two comparisons
    expect([t.studies, t.comparisons]).toEqual([2, 3]);
    const lines = t.csv.split('\r\n');
    expect(lines[0]).toBe('study,study_id,country,intervention,mode,risk_of_bias,timepoint,instrument,m1i,sd1i,n1i,m2i,sd2i,n2i');
    // Lee's comparator group of 41 split 21/20 (Cochrane Handbook 23.3.4)
    expect(lines.filter((l) => l.includes('Lee 2021'))).toEqual([
      'Lee 2021 (text),Lee 2021,,text messages,text,,12 weeks,FACT-G,57,10,40,50,10,21',
      'Lee 2021 (text + video),Lee 2021,,text messages and video calls,video,,12 weeks,FACT-G,61,10,40,50,10,20',
    ]);
    expect(t.notes).toContain('Lee 2021: its 2 comparisons share one comparator group (n = 41), split between them for Quality of life so no participant counts twice (Cochrane Handbook 23.3.4): n 21, 20.');
    const ch = await studyCharacteristics(store, viewer, review);
    expect(ch.rows.find((r) => r[0] === 'Lee 2021')).toContain('text: text messages; text + video: text messages and video calls (shared comparator)');
    const groups = await effectDirectionsOf(store, viewer, review, 'mode');
    expect(groups.plot.studies.map((s) => [s.group, s.label])).toEqual([
      ['telephone', 'Doe 2019 (TELE)'],
      ['text', 'Lee 2021 (text)'],
      ['video', 'Lee 2021 (text + video)'],
    ]);
  });
});
