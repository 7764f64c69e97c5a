/** The help texts: `tapegrad --help` and one per subcommand (`tapegrad eval --help`). */
import { DIAGNOSE_HELP } from './diagnose.js';
import { TRAIN_HELP } from './options.js';

/** `tapegrad --help`. */
export const GENERAL_HELP = `tapegrad: train word vectors (skip-gram) with NCE, sampled softmax or negative sampling.

Usage:
  tapegrad train [options]              train, then write the results to --out
  tapegrad neighbors [--out DIR] WORD…  nearest words by cosine in a trained model
  tapegrad eval [--out DIR] [--similarity FILE] [--analogies FILE]
                                        held-out losses, word similarity, analogies
  tapegrad diagnose [--out DIR]         sampled vs full losses and gradients as S grows
  tapegrad COMMAND --help               the options of one command
  tapegrad --help                       this text

Try it:   npm run demo        (the Brown corpus, about 2 minutes on 2 cores)
          tapegrad train --corpus my-text.txt --epochs 5 --out runs/mine
          tapegrad neighbors --out runs/mine king paris
          tapegrad eval --out runs/mine --similarity wordsim353.tsv --analogies questions-words.txt
          tapegrad train --loss negative-sampling --dim 100 --window 5 --epochs 5 \\
            --optimizer sgd --lr 6.4 --out runs/classic      (word2vec.c's classic run)

Exit codes: 0 done, 2 bad usage or input, 130 interrupted (checkpoint saved).`;

/** `tapegrad neighbors --help`. */
export const NEIGHBORS_HELP = `Usage: tapegrad neighbors [--out DIR] [--k N] WORD…

Prints the --k [8] nearest words of each WORD by cosine similarity of the input embeddings
of the model that train wrote in --out [out/word2vec].`;

/** `tapegrad eval --help`. */
export const EVAL_HELP = `Usage: tapegrad eval [--out DIR] [--similarity FILE]… [--analogies FILE]…

Measures the model that train wrote in --out [out/word2vec].

Without --similarity or --analogies: the held-out full-softmax and full-sigmoid losses
(re-reading the training corpus named in summary.json).

  --similarity FILE   word pairs with a human score, "word1<TAB>word2<TAB>score" per line,
                      '#' comments (WordSim-353, SimLex-999): prints Spearman's rho between
                      the cosines of the pairs' vectors and the scores (ties ranked by their
                      mean rank), over the pairs whose two words are in the vocabulary, and
                      the share of pairs left out (OOV). May be given more than once.
  --analogies FILE    word2vec's questions-words.txt format: ": section" headers, then
                      "a b c d" lines (a is to b as c is to d): prints, per section and in
                      total, the share of questions whose answer d is the word nearest to
                      b − a + c over unit vectors, a, b and c excluded (3CosAdd, as
                      word2vec's compute-accuracy and gensim do), over the questions whose
                      four words are in the vocabulary, and how many were skipped (OOV).

Words are compared lowercased, as the trainer's tokenizer writes them.`;

const HELPS: Record<string, string> = {
  '': GENERAL_HELP,
  train: TRAIN_HELP,
  neighbors: NEIGHBORS_HELP,
  eval: EVAL_HELP,
  diagnose: DIAGNOSE_HELP,
};

/** The help of subcommand `topic` ('' for the general help). */
export const helpFor = (topic: string): string => HELPS[topic] ?? GENERAL_HELP;
