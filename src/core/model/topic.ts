/** A group in the sidebar tree. */
export interface Topic {
  /** A name a researcher would write, e.g. "Brain Decoding from fMRI/MEG". Unique in a corpus. */
  name: string;
  /** Ids of the papers in it, in corpus order. */
  paperIds: string[];
  /** Where the topic came from: the papers' own metadata, the taxonomy file, or discovery over the corpus. */
  origin: 'metadata' | 'taxonomy' | 'discovered' | 'other';
}
