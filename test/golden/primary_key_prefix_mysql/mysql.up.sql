ALTER TABLE `rooms` DROP INDEX `rooms_name_key`;

ALTER TABLE `rooms` DROP PRIMARY KEY;

ALTER TABLE `rooms` ADD PRIMARY KEY (`jid`(100), `node`(75));

ALTER TABLE `rooms` ADD CONSTRAINT `rooms_name_key` UNIQUE (`name`);

ALTER TABLE `rooms` ADD CONSTRAINT `rooms_nick_key` UNIQUE (`nick`(30));
