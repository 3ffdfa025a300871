-- 0003: the store's change counter (sitrep.Versioner). One row, whose
-- version every transaction that writes adds one to as its last statement
-- (so that concurrent writers wait on its row lock only while they
-- commit), and that readers compare to keep what they computed.
CREATE TABLE store_version (
	one     boolean PRIMARY KEY DEFAULT true CHECK (one),
	version bigint NOT NULL
);
INSERT INTO store_version (one, version) VALUES (true, 1);
