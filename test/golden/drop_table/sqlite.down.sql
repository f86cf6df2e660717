CREATE TABLE "logs" (
  "id" BIGINT NOT NULL,
  "msg" TEXT NOT NULL,
  CONSTRAINT "logs_pkey" PRIMARY KEY ("id")
);
