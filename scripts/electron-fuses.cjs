// The Electron fuses the packaged app ships with, in one place for the afterPack hook that
// flips them and for `npm run package:check`, which reads them back from the binary.
// Why each: a till's binary must not turn into a general Node runtime (RunAsNode, NODE_OPTIONS,
// --inspect) and must run only the app it was packaged with (asar integrity, asar only).
const { FuseV1Options, FuseVersion } = require('@electron/fuses');
const { FuseState } = require('@electron/fuses/dist/constants');

/** FuseV1Options index → the state the packaged binary must carry. */
const REQUIRED_FUSES = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
};

/** The config @electron/fuses' flipFuses takes. */
function fuseConfig() {
  return { version: FuseVersion.V1, ...REQUIRED_FUSES };
}

/**
 * Which required fuses a wire (as getCurrentFuseWire returns it: index → FuseState) gets
 * wrong, as sentences; empty when all are right.
 */
function wrongFuses(wire) {
  const wrong = [];
  for (const [index, enabled] of Object.entries(REQUIRED_FUSES)) {
    const want = enabled ? FuseState.ENABLE : FuseState.DISABLE;
    const got = wire[index];
    if (got !== want) {
      const shown = got === undefined ? 'missing' : (FuseState[got] ?? String(got));
      wrong.push(`${FuseV1Options[index]} is ${shown}, must be ${FuseState[want]}`);
    }
  }
  return wrong;
}

module.exports = { REQUIRED_FUSES, fuseConfig, wrongFuses };
