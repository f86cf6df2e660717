CREATE TABLE "logs" (
  "id" bigint NOT NULL,
  "msg" text NOT NULL,
  CONSTRAINT "logs_pkey" PRIMARY KEY ("id")
);
