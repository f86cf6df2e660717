CREATE TABLE "film" (
  "film_id" serial NOT NULL,
  "big" bigserial NOT NULL,
  "small" smallserial NOT NULL,
  "ticket" bigint NOT NULL GENERATED ALWAYS AS IDENTITY (INCREMENT BY 5 MINVALUE 100 MAXVALUE 100000 CACHE 20 CYCLE),
  CONSTRAINT "film_pkey" PRIMARY KEY ("film_id")
);
