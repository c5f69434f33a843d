// Demo upload that fails on its first attempt, to show retries: each attempt is kept with its own log.
if (process.env.COCKPIT_ATTEMPT === '1') {
  console.error('\u001b[31merror\u001b[0m: upload failed: connection reset by the (pretend) artifact server');
  process.exit(75);
}
console.log(
  `Uploaded shop-api-${process.env.COCKPIT_PARAM_CHANNEL ?? 'stable'}.tgz on attempt ${process.env.COCKPIT_ATTEMPT}`,
);
