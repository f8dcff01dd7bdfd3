import type { Command } from 'commander';
import { randomToken } from '../../core/ids.ts';
import { inTransaction } from '../../db/index.ts';
import { systemActor } from '../../modules/audit/index.ts';
import { createUser, roles, type Role } from '../../modules/staff/index.ts';
import { exitCodeForCode } from '../http/error-codes.ts';
import { withDatabase } from './with-database.ts';

export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('staff users');
  user
    .command('add')
    .description('create a staff user')
    .requiredOption('--username <name>', 'login name (lower case)')
    .requiredOption('--name <display>', 'display name')
    .requiredOption('--role <roles>', `comma-separated roles: ${roles.join(', ')}`)
    .option('--email <email>', 'e-mail address')
    .option('--password <password>', 'initial password (default: a generated one, printed once)')
    .action(
      async (opts: {
        username: string;
        name: string;
        role: string;
        email?: string;
        password?: string;
      }) => {
        const wanted = opts.role.split(',').map((r) => r.trim());
        const unknown = wanted.filter((r) => !(roles as readonly string[]).includes(r));
        if (unknown.length > 0) {
          console.error(`unknown role(s): ${unknown.join(', ')}; roles are ${roles.join(', ')}`);
          process.exitCode = 64;
          return;
        }
        const password = opts.password ?? randomToken(12);
        await withDatabase(async (db) => {
          const now = new Date();
          const result = await inTransaction(db, (tx) =>
            createUser(
              tx,
              {
                username: opts.username,
                displayName: opts.name,
                password,
                roles: wanted as Role[],
                ...(opts.email ? { email: opts.email } : {}),
              },
              { actor: systemActor('cli'), now },
            ),
          );
          if (!result.ok) {
            console.error(
              `cis user add: ${result.code}${result.detail ? ` — ${result.detail}` : ''}`,
            );
            process.exitCode = exitCodeForCode(result.code);
            return;
          }
          console.log(`created ${opts.username} (${wanted.join(', ')})`);
          if (!opts.password) console.log(`initial password: ${password}`);
        });
      },
    );
}
