CREATE TABLE "a" (
  "id" integer NOT NULL,
  "b_id" integer,
  CONSTRAINT "a_pkey" PRIMARY KEY ("id")
);

CREATE TABLE "b" (
  "id" integer NOT NULL,
  "a_id" integer NOT NULL,
  CONSTRAINT "b_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "b_a_id_fkey" FOREIGN KEY ("a_id") REFERENCES "a" ("id")
);

ALTER TABLE "a" ADD CONSTRAINT "a_b_id_fkey" FOREIGN KEY ("b_id") REFERENCES "b" ("id") ON DELETE SET NULL;
