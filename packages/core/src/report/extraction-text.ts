/**
 * PRISMA 2020 item 9 (data collection process) written from the recorded extractions: how many reviewers
 * extracted each study, whether blinded, how differences were settled, how often the two agreed field
 * by field, and — while extraction goes on — what is still open. Pure: the caller gathers the inputs.
 */
import { listOf, type ReportParagraph } from './selection-text.js';

export interface ExtractionProgress {
  readonly status: 'not started' | 'in progress' | 'to settle' | 'agreed' | 'settled';
  /** The first two extractions compared (fields either filled, fields both filled alike), when two exist. */
  readonly fields: { readonly compared: number; readonly agreed: number } | null;
}

export interface ExtractionTextInput {
  readonly reviewersPerRecord: 1 | 2;
  readonly blinding: boolean;
  /** One entry per included study. */
  readonly studies: readonly ExtractionProgress[];
}

const studies = (n: number): string => `${n.toLocaleString('en-GB')} ${n === 1 ? 'study' : 'studies'}`;

/** The paragraph for item 9, or null while no study is included. */
export function extractionText(input: ExtractionTextInput): ReportParagraph | null {
  const n = input.studies.length;
  if (n === 0) return null;
  const out: string[] = [];
  const form =
    'on a form with the study’s characteristics and, for each outcome of the protocol, the result as reported (means, standard deviations and numbers per arm; events per arm; or an estimate with its 95% confidence interval), with the time point and instrument';
  if (input.reviewersPerRecord === 2) {
    out.push(
      `Two reviewers extracted the data of each included study independently${input.blinding ? ', blinded to each other’s extractions until both were saved,' : ''} ${form}; the two extractions were compared field by field in metasift and differences were settled by consensus.`,
    );
  } else out.push(`One reviewer extracted the data of each included study ${form}.`);
  const by = (s: ExtractionProgress['status']): number => input.studies.filter((x) => x.status === s).length;
  const open = [
    [by('not started'), 'not yet extracted'],
    [by('in progress'), input.reviewersPerRecord === 2 ? 'extracted by one reviewer so far' : 'in progress'],
    [by('to settle'), 'awaiting consensus'],
  ] as const;
  const parts = open.filter(([k]) => k > 0).map(([k, what]) => `${studies(k)} ${what}`);
  if (parts.length) out.push(`Data extraction is not finished: of ${studies(n)} included, ${listOf(parts)}.`);
  const compared = input.studies.filter((x) => x.fields !== null);
  if (input.reviewersPerRecord === 2 && compared.length > 0) {
    const fields = compared.reduce((sum, x) => sum + x.fields!.compared, 0);
    const agreed = compared.reduce((sum, x) => sum + x.fields!.agreed, 0);
    const share = fields ? ` on ${((100 * agreed) / fields).toFixed(1)}% of the ${fields.toLocaleString('en-GB')} fields either filled` : '';
    const settled = by('settled');
    out.push(
      `For the ${studies(compared.length)} extracted by both, the reviewers agreed${share}${settled ? `; ${studies(settled)} ${settled === 1 ? 'was' : 'were'} settled by consensus` : ''}.`,
    );
  }
  return { item: '9', heading: 'Data collection process', text: out.join(' ') };
}
