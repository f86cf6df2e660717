ALTER TABLE "logs" RENAME TO "events";

ALTER TABLE "events" RENAME CONSTRAINT "logs_pkey" TO "events_pkey";
