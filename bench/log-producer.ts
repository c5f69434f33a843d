// The job output the log benchmark stores: 200 MB of "x" folded into 2,000,000 lines of 100
// characters (202 MB with the line breaks), made by plain tools so the producer is never the cockpit.
export const PRODUCER = `head -c 200000000 /dev/zero | tr '\\0' x | fold -w 100`;
export const LINES = 2_000_000;
export const MB = 1_000_000;
