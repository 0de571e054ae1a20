/** A review's protocol: question, eligibility criteria, outcomes with direction, planned analyses, registry, the review's own extraction fields. */
import { characteristicsFor, RESERVED_FIELD_IDS } from '@metasift/core';
import { z } from 'zod';
import { StoreError } from './errors.js';

export const Criterion = z.object({
  id: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'a short code such as I1 or E2'),
  kind: z.enum(['inclusion', 'exclusion']),
  text: z.string().min(1),
});

export const Outcome = z.object({
  name: z.string().min(1),
  /** Which way is good for patients: "higher" (quality of life) or "lower" (symptom burden). */
  direction: z.enum(['higher', 'lower']),
  primary: z.boolean().default(false),
  measure: z.string().default('SMD'),
});

/** A field of the review's own on the extraction form (e.g. "Theoretical framework"), after the built-in characteristics. */
export const ExtractionField = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'a short name in lower case, e.g. framework or caregiver_role'),
  label: z.string().trim().min(1),
  hint: z.string().default(''),
  /** The answers allowed (a choice); free text when empty. */
  options: z.array(z.string().trim().min(1)).default([]),
});

export const Protocol = z
  .object({
    question: z.string().min(1),
    pico: z.object({
      population: z.string().default(''),
      intervention: z.string().default(''),
      comparator: z.string().default(''),
      outcomes: z.string().default(''),
    }),
    criteria: z.array(Criterion).default([]),
    outcomes: z.array(Outcome).default([]),
    analyses: z.array(z.string().min(1)).default([]),
    /** e.g. a PROSPERO id, CRD followed by 11 digits. */
    registry_id: z.string().default(''),
    extraction_fields: z.array(ExtractionField).default([]),
    /**
     * How studies are grouped for synthesis (SWiM item 1): a characteristic's id, e.g. "mode" (video,
     * telephone, text); empty for none. The synthesis page and the report start from it.
     */
    synthesis_grouping: z.string().trim().default(''),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.criteria.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: ['criteria', i, 'id'], message: `duplicate criterion id ${c.id}` });
      seen.add(c.id);
    });
    const fields = new Set<string>();
    p.extraction_fields.forEach((f, i) => {
      if (RESERVED_FIELD_IDS.has(f.id)) ctx.addIssue({ code: 'custom', path: ['extraction_fields', i, 'id'], message: `"${f.id}" is a built-in characteristic or a column of the analysis tables` });
      else if (fields.has(f.id)) ctx.addIssue({ code: 'custom', path: ['extraction_fields', i, 'id'], message: `duplicate field id ${f.id}` });
      fields.add(f.id);
      if (new Set(f.options).size !== f.options.length) ctx.addIssue({ code: 'custom', path: ['extraction_fields', i, 'options'], message: 'an answer is given twice' });
    });
    if (p.synthesis_grouping) {
      const ids = characteristicsFor(p.extraction_fields).map((c) => c.id).filter((id) => id !== 'notes');
      if (!ids.includes(p.synthesis_grouping)) {
        ctx.addIssue({ code: 'custom', path: ['synthesis_grouping'], message: `"${p.synthesis_grouping}" is not a characteristic of the review (${ids.join(', ')})` });
      }
    }
    if (p.registry_id && /^CRD/i.test(p.registry_id) && !/^CRD\d{11}$/.test(p.registry_id)) {
      ctx.addIssue({ code: 'custom', path: ['registry_id'], message: 'a PROSPERO id is CRD followed by 11 digits' });
    }
  });

export type Protocol = z.infer<typeof Protocol>;

/** Parses a protocol, naming every bad field ("criteria.1.kind: …") in one error. */
export function parseProtocol(input: unknown): Protocol {
  const r = Protocol.safeParse(input);
  if (r.success) return r.data;
  throw new StoreError('INVALID', `invalid protocol: ${r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`);
}
