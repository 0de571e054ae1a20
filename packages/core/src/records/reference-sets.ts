/** The sets of references a review exports, by where they stand in the selection (as Covidence and Rayyan offer them). */
export const REFERENCE_SETS = ['all', 'unique', 'sought', 'excluded-full-text', 'included'] as const;
export type ReferenceSet = (typeof REFERENCE_SETS)[number];

export const REFERENCE_SET_LABELS: Readonly<Record<ReferenceSet, string>> = {
  all: 'Every record imported, duplicates included',
  unique: 'Unique records (duplicates removed)',
  sought: 'Reports sought for retrieval (included at title and abstract)',
  'excluded-full-text': 'Reports excluded at full text, with reasons',
  included: 'Reports of included studies',
};
