import { runLicenseCommand, LICENSE_USAGE } from 'keyhole/node';
import { openStudioLicense, studioPlaces } from './open-license.ts';

/*
 * Studio's terminal, for machines without a screen:
 *   node --import tsx examples/studio/cli.ts license status|activate KEY|validate|request-code KEY|
 *     import-code CODE|deactivate|deactivate-offline [--json] [--product FILE] [--data DIR]
 * Exit codes: 0 ok, 1 a license problem or a refused action, 2 a usage error, 3 the product config
 * or the data folder cannot be used.
 */

const { places, rest } = studioPlaces(process.argv.slice(2));
const [group, ...command] = rest;

async function main(): Promise<number> {
  if (group !== 'license') {
    console.error(`studio: the only command group is "license".\n${LICENSE_USAGE}`);
    return 2;
  }
  let license;
  try {
    license = openStudioLicense(places);
  } catch (error) {
    console.error(`studio: ${error instanceof Error ? error.message : String(error)}`);
    return 3;
  }
  try {
    return await runLicenseCommand(license, command, { out: (text) => console.log(text), err: (text) => console.error(text) });
  } finally {
    await license.close();
  }
}

// Exits at once: a background validation still in flight has nothing left to tell this command.
void main().then((code) => process.exit(code));
