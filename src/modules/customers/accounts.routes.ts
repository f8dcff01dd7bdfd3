import { z } from 'zod';
import { ok } from '../../core/result.ts';
import { inTransaction, withClient } from '../../db/index.ts';
import { route, type RouteSpec } from '../../shells/http/route-spec.ts';
import { addNote } from './add-note.ts';
import { changeContacts } from './change-contacts.ts';
import { changeDueDay } from './change-due-day.ts';
import { changeMailingAddress } from './change-mailing-address.ts';
import { compact } from './compact.ts';
import * as res from './customers.responses.ts';
import {
  accountBody,
  clearStatusQuery,
  contactsBody,
  dueDayBody,
  idParam,
  mailingAddressBody,
  noteBody,
  paperlessBody,
  statusBody,
  statusParams,
  timelineQuery,
} from './customers.schema.ts';
import { getAccountOverview } from './get-account-overview.ts';
import { openAccount } from './open-account.ts';
import { serviceContext, today } from './route-context.ts';
import { setPaperless } from './set-paperless.ts';
import { clearSpecialStatus, setSpecialStatus } from './special-statuses.ts';
import { getTimeline } from './timeline.ts';

const tags = ['accounts'];
const accountParams = z.object({ accountId: idParam });

export const accountRoutes: readonly RouteSpec[] = [
  route({
    method: 'POST',
    url: '/api/accounts',
    access: 'customers.write',
    tags,
    successStatus: 201,
    summary: 'Open an account for a customer at a premise (no service, no fee)',
    body: accountBody,
    response: res.accountOpened,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        openAccount(tx, { ...compact(req.body), openedOn: today(ctx) }, serviceContext(req, ctx)),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/accounts/:accountId',
    access: 'customers.read',
    tags,
    summary: 'Account overview: customer, premises and agreements, balances, statuses, notes',
    params: accountParams,
    response: res.accountOverview,
    handler: (req, ctx) => withClient(ctx.db, (q) => getAccountOverview(q, req.params.accountId)),
  }),
  route({
    method: 'PATCH',
    url: '/api/accounts/:accountId/mailing-address',
    access: 'customers.write',
    tags,
    summary: 'Change the mailing address (optimistic: expectedVersion)',
    params: accountParams,
    body: mailingAddressBody,
    response: res.versionOnly,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        changeMailingAddress(
          tx,
          { ...req.body, accountId: req.params.accountId },
          serviceContext(req, ctx),
        ),
      ),
  }),
  route({
    method: 'PUT',
    url: '/api/accounts/:accountId/contacts',
    access: 'customers.write',
    tags,
    summary: 'Add, update and remove the extra contacts of an account',
    params: accountParams,
    body: contactsBody,
    response: res.contactsChanged,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        changeContacts(
          tx,
          { ...compact(req.body), accountId: req.params.accountId },
          serviceContext(req, ctx),
        ),
      ),
  }),
  route({
    method: 'PUT',
    url: '/api/accounts/:accountId/due-day',
    access: 'customers.write',
    tags,
    summary: 'Select Due Date: residential, day 1–28, balance paid in full (null = cycle default)',
    params: accountParams,
    body: dueDayBody,
    response: res.versionOnly,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        changeDueDay(
          tx,
          { ...req.body, accountId: req.params.accountId },
          serviceContext(req, ctx),
        ),
      ),
  }),
  route({
    method: 'PUT',
    url: '/api/accounts/:accountId/paperless',
    access: 'customers.write',
    tags,
    summary: 'Turn paperless billing on or off',
    params: accountParams,
    body: paperlessBody,
    response: res.versionOnly,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        setPaperless(
          tx,
          { ...req.body, accountId: req.params.accountId },
          serviceContext(req, ctx),
        ),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/accounts/:accountId/notes',
    access: 'customers.write',
    tags,
    successStatus: 201,
    summary: 'Add a note to the account (append-only)',
    params: accountParams,
    body: noteBody,
    response: res.noteAdded,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        addNote(tx, { ...req.body, accountId: req.params.accountId }, serviceContext(req, ctx)),
      ),
  }),
  route({
    method: 'GET',
    url: '/api/accounts/:accountId/timeline',
    access: 'customers.read',
    tags,
    summary: "The account's time-ordered history, newest first (keyset pages via `before`)",
    params: accountParams,
    query: timelineQuery,
    response: res.timelinePage,
    handler: (req, ctx) =>
      withClient(ctx.db, async (q) =>
        ok(await getTimeline(q, req.params.accountId, compact(req.query))),
      ),
  }),
  route({
    method: 'POST',
    url: '/api/accounts/:accountId/statuses',
    access: 'status.manage',
    tags,
    successStatus: 201,
    summary:
      'Set a special status: bankruptcy, medical certificate, cash-only, deceased, landlord agreement',
    params: accountParams,
    body: statusBody,
    response: res.statusChanged,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        setSpecialStatus(
          tx,
          {
            accountId: req.params.accountId,
            startsOn: req.body.startsOn ?? today(ctx),
            reason: req.body.reason,
            details: req.body.details,
          },
          serviceContext(req, ctx),
        ),
      ),
  }),
  route({
    method: 'DELETE',
    url: '/api/accounts/:accountId/statuses/:status',
    access: 'status.manage',
    tags,
    summary: 'Clear a special status, with a reason (?reason=)',
    params: statusParams,
    query: clearStatusQuery,
    response: res.statusChanged,
    handler: (req, ctx) =>
      inTransaction(ctx.db, (tx) =>
        clearSpecialStatus(
          tx,
          { accountId: req.params.accountId, status: req.params.status, reason: req.query.reason },
          serviceContext(req, ctx),
        ),
      ),
  }),
];
