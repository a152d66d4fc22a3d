import { Achievement } from './achievement.entity';
import { Character } from './character.entity';
import { CheckIn } from './check-in.entity';
import { DailyIntention } from './daily-intention.entity';
import { GameEventRecord } from './game-event.entity';
import { InventoryItem } from './inventory-item.entity';
import { RecoveryQuest } from './recovery-quest.entity';
import { RefreshToken } from './refresh-token.entity';
import { Sprint } from './sprint.entity';
import { Tool } from './tool.entity';
import { User } from './user.entity';
import { UserAchievement } from './user-achievement.entity';
import { XpLedgerEntry } from './xp-ledger-entry.entity';

export const entities = [
  User,
  Character,
  CheckIn,
  DailyIntention,
  Sprint,
  XpLedgerEntry,
  Achievement,
  UserAchievement,
  Tool,
  InventoryItem,
  RecoveryQuest,
  GameEventRecord,
  RefreshToken,
];
