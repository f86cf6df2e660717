ALTER TABLE "users" ALTER COLUMN "name" SET DEFAULT 'anonymous';
