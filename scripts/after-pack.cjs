// electron-builder afterPack hook: flips the Electron fuses (scripts/electron-fuses.cjs) in the
// packaged binary before it is signed or wrapped in an installer.
const { join } = require('node:path');
const { flipFuses } = require('@electron/fuses');
const { fuseConfig } = require('./electron-fuses.cjs');

function executablePath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  }
  if (electronPlatformName === 'win32') {
    return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  }
  return join(appOutDir, packager.executableName);
}

exports.default = async function afterPack(context) {
  const binary = executablePath(context);
  await flipFuses(binary, {
    ...fuseConfig(),
    // Apple silicon refuses a binary whose ad-hoc signature no longer matches.
    resetAdHocDarwinSignature: context.electronPlatformName === 'darwin' && context.arch === 3,
  });
  console.log(`  • electron fuses set in ${binary}`);
};
