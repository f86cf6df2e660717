ALTER DOMAIN "varchar_ci" DROP DEFAULT;

ALTER DOMAIN "varchar_ci" DROP NOT NULL;

COMMENT ON DOMAIN "varchar_ci" IS 'phpBB''s, now nullable and without a default.';

ALTER DOMAIN "posint" SET NOT NULL;

ALTER DOMAIN "posint" DROP CONSTRAINT "not_huge";

ALTER DOMAIN "posint" ADD CONSTRAINT "not_huge" CHECK (VALUE < 5000000);

DROP DOMAIN "label";

CREATE DOMAIN "label" AS varchar(40);

ALTER DOMAIN "feeling" SET DEFAULT 'sad';

ALTER DOMAIN "feeling" ADD CONSTRAINT "feeling_check" CHECK (VALUE IS NOT NULL);
