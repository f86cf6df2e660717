ALTER TABLE `film` DROP COLUMN `flags`;

ALTER TABLE `film` MODIFY COLUMN `rating` set('G', 'PG') NOT NULL;

ALTER TABLE `film` MODIFY COLUMN `features` set('Trailers', 'Commentaries') NULL DEFAULT 'Trailers';
