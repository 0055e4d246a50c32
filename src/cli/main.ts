/**
 * `matbank`: the command line. Each command lives in ./commands and registers itself on
 * the program; errors are printed once, here, with the catalogue's exit code.
 */
import { Command, CommanderError } from 'commander';
import { CONFIG_VARIABLES } from '../config.ts';
import { registerDb } from './commands/db.ts';
import { registerImport } from './commands/import.ts';
import { registerIndicators } from './commands/indicators.ts';
import { registerMapping } from './commands/mapping.ts';
import { registerPassport } from './commands/passport.ts';
import { registerServe } from './commands/serve.ts';
import { reportError } from './context.ts';

const program = new Command('matbank')
  .description('Material passports for buildings, and a material bank for the city.')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride()
  .addHelpText(
    'after',
    '\nEnvironment:\n' +
      Object.entries(CONFIG_VARIABLES)
        .map(([k, v]) => `  ${k.padEnd(22)} ${v}`)
        .join('\n') +
      '\n\nDocs: README.md and docs/ (passport-format.md, methods.md, import.md).',
  );

registerServe(program);
registerDb(program);
registerPassport(program);
registerIndicators(program);
registerImport(program);
registerMapping(program);

// `matbank passport list | head` closes the pipe early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // Help and version are "errors" to commander; usage mistakes exit 2 like bad input.
    process.exitCode = e.exitCode === 0 ? 0 : 2;
  } else {
    process.exitCode = reportError(e);
  }
}
