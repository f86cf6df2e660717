RENAME TABLE `events` TO `logs`;
