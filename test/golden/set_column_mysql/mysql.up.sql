ALTER TABLE `film` MODIFY COLUMN `features` set('Trailers', 'Commentaries', 'Behind the Scenes') NULL DEFAULT 'Trailers,Commentaries';

ALTER TABLE `film` MODIFY COLUMN `rating` set('G', 'PG') NOT NULL COMMENT 'Who may watch.';

ALTER TABLE `film` ADD COLUMN `flags` set('a', 'it''s') NULL;
