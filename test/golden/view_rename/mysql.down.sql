RENAME TABLE `user_ids` TO `others`;
