ALTER TABLE `people` RENAME INDEX `people_email_key` TO `users_email_key`;

RENAME TABLE `people` TO `users`;
