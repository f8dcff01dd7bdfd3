-- Read import speed, second step (issue 4, BIL-1: ≥ 200,000 reads/s). 0071's statement-level
-- reference check on meter_read keeps a transition table of every inserted row (a copy of
-- each row in a tuplestore, spilled to disk past work_mem) and joins it to register: ≈ 25 %
-- of the server time of a 200,000-read COPY. The check moves to the writers, which all take
-- a read's register and premise from the register row itself, in the writing transaction:
--   * the read import (importReads → copy-reads.ts / write-reads.ts) writes only registers
--     that loadImportRegisters (register-state.ts) loaded in the same transaction, with that
--     row's premise_id, and the import batch it inserted just before (set-based, once per
--     file: the load IS the check; a meter number without a register is a row error and the
--     whole file is rejected);
--   * insertReads (meter changes' initial and final reads), insertSingleRead (single-read.ts:
--     manual reads, held-read review, hydrant meters; the register is locked first) and the
--     estimator insert `… SELECT … FROM register` / `JOIN register`, so a read of a register
--     that does not exist is never written and its premise is always its register's; the
--     demo's demand reads join register the same way.
-- The parent side stays protected as before (0071): a register with reads cannot be deleted
-- or change premise (register_keeps_reads), an import batch cannot be deleted or re-keyed.

DROP TRIGGER meter_read_references ON meter_read;
DROP FUNCTION meter_read_check_references();
