ALTER DOMAIN "feeling" SET DEFAULT 'happy';

ALTER DOMAIN "feeling" DROP CONSTRAINT "feeling_check";

DROP DOMAIN "label";

CREATE DOMAIN "label" AS text COLLATE "C";

ALTER DOMAIN "posint" DROP NOT NULL;

ALTER DOMAIN "posint" DROP CONSTRAINT "not_huge";

ALTER DOMAIN "posint" ADD CONSTRAINT "not_huge" CHECK (VALUE < 1000000);

ALTER DOMAIN "varchar_ci" SET DEFAULT '';

ALTER DOMAIN "varchar_ci" SET NOT NULL;

COMMENT ON DOMAIN "varchar_ci" IS 'phpBB''s: text compared without case by its own operators.';
