/** The four cases of a matrix product op(a) · op(b), shared by the kernel's and the op's tests. */

/** [transposeA, transposeB] for NN, NT, TN, TT. */
export const flags: [boolean, boolean][] = [
  [false, false],
  [false, true],
  [true, false],
  [true, true],
];

/** 'NN', 'NT', 'TN' or 'TT' (N: as is, T: transposed). */
export const label = ([ta, tb]: [boolean, boolean]) => `${ta ? 'T' : 'N'}${tb ? 'T' : 'N'}`;
