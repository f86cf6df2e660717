ALTER TABLE "events" RENAME CONSTRAINT "events_pkey" TO "logs_pkey";

ALTER TABLE "events" RENAME TO "logs";
