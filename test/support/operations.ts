/** GraphQL documents shared by the tests. */
export const GAME_STATE_FIELDS = `
  today level xp xpIntoLevel xpToNextLevel energy fatigue loyalty checkedInToday recoveryQuestAvailable
  stats { clarity discipline resilience }
  streak { current longest graceDays status lastCheckInDate expiresAt }
  todayIntention { id date text targetSprints status }
  activeSprint { id plannedMinutes status startedAt endedAt }
  recoveryQuest { id prompt status expiresOn }
  achievements { achievement { code rewardXp } unlockedAt claimedAt }
  inventory { tool { code cost } quantity }`;

export const GAME_STATE = `{ gameState { ${GAME_STATE_FIELDS} } }`;

export const CHECK_IN = `mutation CheckIn($input: CheckInInput) {
  checkIn(input: $input) { xpGained unlocked { code } checkIn { id date mood note } gameState { ${GAME_STATE_FIELDS} } }
}`;

export const SET_INTENTION = `mutation SetIntention($input: DailyIntentionInput!) {
  setDailyIntention(input: $input) { id date text targetSprints status }
}`;

export const COMPLETE_INTENTION = `mutation { completeDailyIntention { xpGained unlocked { code } gameState { ${GAME_STATE_FIELDS} } } }`;

export const START_SPRINT = `mutation StartSprint($input: StartSprintInput!) {
  startSprint(input: $input) { id plannedMinutes status startedAt endedAt }
}`;

export const COMPLETE_SPRINT = `mutation CompleteSprint($id: ID!) {
  completeSprint(id: $id) { xpGained unlocked { code } gameState { ${GAME_STATE_FIELDS} } }
}`;

export const ABANDON_SPRINT = `mutation AbandonSprint($id: ID!) { abandonSprint(id: $id) { id status endedAt } }`;

export const START_RECOVERY = `mutation { startRecoveryQuest { id prompt status expiresOn } }`;

export const COMPLETE_RECOVERY = `mutation CompleteRecovery($reflection: String!) {
  completeRecoveryQuest(reflection: $reflection) { xpGained unlocked { code } gameState { ${GAME_STATE_FIELDS} } }
}`;

export const CLAIM = `mutation Claim($code: String!) { claimAchievement(code: $code) { xpGained unlocked { code } gameState { ${GAME_STATE_FIELDS} } } }`;

export const BUY_TOOL = `mutation Buy($code: String!) { buyTool(code: $code) { ${GAME_STATE_FIELDS} } }`;

export const USE_TOOL = `mutation Use($code: String!) { useTool(code: $code) { ${GAME_STATE_FIELDS} } }`;
