CREATE TABLE "a" (
  "id" INTEGER NOT NULL,
  "b_id" INTEGER,
  CONSTRAINT "a_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "a_b_id_fkey" FOREIGN KEY ("b_id") REFERENCES "b" ("id") ON DELETE SET NULL
);

CREATE TABLE "b" (
  "id" INTEGER NOT NULL,
  "a_id" INTEGER NOT NULL,
  CONSTRAINT "b_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "b_a_id_fkey" FOREIGN KEY ("a_id") REFERENCES "a" ("id")
);
