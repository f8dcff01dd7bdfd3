import { Command } from 'commander';
import { registerAchCommands } from './ach-command.ts';
import { registerBillRunCommand } from './bill-run-command.ts';
import { registerBillsCommands } from './bills-command.ts';
import { registerCyclesCommands } from './cycles-command.ts';
import { registerDemoCommand, registerMigrateCommand } from './database-commands.ts';
import { registerJobsCommand } from './jobs-command.ts';
import { registerImportCommands } from './import-command.ts';
import { registerEstimateCommand } from './estimate-command.ts';
import { registerLedgerCommands } from './ledger-commands.ts';
import { registerServeCommand } from './serve-command.ts';
import { registerUserCommands } from './user-commands.ts';
import { registerWinterAverageJobs } from './winter-average-command.ts';

/** `cis`: the command line over the same service functions the HTTP API uses. */
export function buildProgram(): Command {
  const program = new Command('cis')
    .description('OpenCIS — customer information and billing for city utilities')
    .showHelpAfterError();
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerDemoCommand(program);
  registerUserCommands(program);
  registerLedgerCommands(program);
  registerEstimateCommand(program);
  registerImportCommands(program);
  registerBillRunCommand(program);
  registerBillsCommands(program);
  registerJobsCommand(program);
  registerWinterAverageJobs(program);
  registerCyclesCommands(program);
  registerAchCommands(program);
  return program;
}

await buildProgram()
  .parseAsync(process.argv)
  .catch((e: unknown) => {
    process.stderr.write(`cis: ${(e as Error).message}\n`);
    process.exitCode = process.exitCode || 1;
  });
