import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEngines } from '../../../test/support/test-db.ts';
import { expectOk } from '../../core/result.ts';
import { ctx, d, newPremise, person, tx } from './customers-test-support.ts';
import { searchAccounts } from './search.ts';
import { startService } from './start-service.ts';
import { stopService } from './stop-service.ts';
import { updateCustomer } from './update-customer.ts';

/** What agents search for is current the moment a write commits: no nightly rebuild. */
describeEngines('search follows the writes that change it', (t) => {
  it('a new customer is found at once, by a misspelled name and by the new phone', async () => {
    const premiseId = await newPremise(t.db, { addressLine1: '4321 E Ocotillo Ridge Dr' });
    const started = expectOk(
      await tx(t.db, (q) =>
        startService(
          q,
          {
            newCustomer: person({
              firstName: 'Zebulon',
              lastName: 'Quixotefield',
              phone: '4805550199',
            }),
            premiseId,
            startDate: d('2026-03-03'),
            services: [{ service: 'water' }, { service: 'wastewater' }],
            canOverrideFraud: false,
          },
          ctx,
        ),
      ),
    );
    const byName = expectOk(await searchAccounts(t.db.pool, { q: 'Quixotefeild' }));
    assert.equal(byName[0]?.accountId, started.accountId);
    assert.equal(byName[0]?.status, 'active');
    assert.equal(byName[0]?.serviceAddress?.startsWith('4321 E Ocotillo Ridge Dr'), true);
    const byAddress = expectOk(await searchAccounts(t.db.pool, { q: '4321 Ocotillo Ridge' }));
    assert.equal(byAddress[0]?.accountId, started.accountId);

    expectOk(
      await tx(t.db, (q) =>
        updateCustomer(
          q,
          { customerId: started.customerId, expectedVersion: 1, phone: '6025550123' },
          ctx,
        ),
      ),
    );
    const byPhone = expectOk(await searchAccounts(t.db.pool, { q: '602-555-0123' }));
    assert.equal(byPhone[0]?.accountId, started.accountId);

    expectOk(
      await tx(t.db, (q) =>
        stopService(
          q,
          { accountId: started.accountId, stopDate: d('2026-04-01'), reason: 'moving' },
          ctx,
        ),
      ),
    );
    const afterStop = expectOk(await searchAccounts(t.db.pool, { q: 'Quixotefield' }));
    assert.equal(afterStop[0]?.accountId, started.accountId);
    assert.equal(afterStop[0]?.status, 'final');
  });
});
