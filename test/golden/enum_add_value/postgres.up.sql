ALTER TYPE "mood" ADD VALUE 'so-so';
