// Which path the scorers take. The lean path decides a result with integer arithmetic and leaves its costly
// fields (an inspection's breakdown, an assessment's area tree, the explanation) to be built on first read; the
// full path builds everything at once. Both give the same result, field for field: tests switch to the full path
// to compare them (this module is internal, not exported from the package).
export const paths = { lean: true };
