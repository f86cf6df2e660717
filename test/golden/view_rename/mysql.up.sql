RENAME TABLE `others` TO `user_ids`;
