/** The GraphQL documents of the dashboard, written against the API's GraphQL contract (schema.graphql). */
export const GAME_STATE_FIELDS = `
  today level xp xpIntoLevel xpToNextLevel energy fatigue loyalty checkedInToday
  stats { clarity discipline resilience }
  streak { current longest graceDays status lastCheckInDate expiresAt }
  todayIntention { id date text targetSprints status }
  activeSprint { id plannedMinutes status startedAt endedAt }
  recoveryQuest { id prompt status expiresOn }
  achievements { achievement { code name description rewardXp } unlockedAt claimedAt }
  inventory { tool { code name cost description } quantity }`;

/** The player's whole screen in one request. */
export const MY_SCREEN = `query MyScreen { gameState { ${GAME_STATE_FIELDS} } tools { code name cost description } }`;

/** A mentee's screen (read-only). */
export const USER_SCREEN = `query UserScreen($id: ID!) { user(id: $id) { id displayName timezone gameState { ${GAME_STATE_FIELDS} } } }`;

const EVENT_FIELDS = `__typename cursor userId occurredAt
  ... on XpEvent { amount source totalXp level }
  ... on StreakEvent { current longest status }
  ... on AchievementEvent { achievement { code name description rewardXp } }
  ... on LevelUpEvent { level }
  ... on VitalsChangedEvent { energy fatigue loyalty }
  ... on CheckInEvent { date mood }
  ... on SprintStartedEvent { plannedMinutes }
  ... on SprintCompletedEvent { plannedMinutes }
  ... on SprintAbandonedEvent { plannedMinutes }
  ... on AchievementClaimedEvent { achievement { code name description rewardXp } }
  ... on ToolBoughtEvent { tool { name } }
  ... on ToolUsedEvent { tool { name } }`;

export const GAME_EVENTS = `subscription GameEvents($userId: ID, $after: String) { gameEvents(userId: $userId, after: $after) { ${EVENT_FIELDS} } }`;

const PAYLOAD = `xpGained unlocked { code name rewardXp } gameState { ${GAME_STATE_FIELDS} }`;

export const CHECK_IN = `mutation CheckIn($input: CheckInInput) { checkIn(input: $input) { checkIn { id date mood note } ${PAYLOAD} } }`;
export const SET_INTENTION = `mutation SetIntention($input: DailyIntentionInput!) { setDailyIntention(input: $input) { id date text targetSprints status } }`;
export const COMPLETE_INTENTION = `mutation CompleteIntention { completeDailyIntention { ${PAYLOAD} } }`;
export const START_SPRINT = `mutation StartSprint($input: StartSprintInput!) { startSprint(input: $input) { id plannedMinutes status startedAt endedAt } }`;
export const COMPLETE_SPRINT = `mutation CompleteSprint($id: ID!) { completeSprint(id: $id) { ${PAYLOAD} } }`;
export const ABANDON_SPRINT = `mutation AbandonSprint($id: ID!) { abandonSprint(id: $id) { id status endedAt } }`;
export const CLAIM = `mutation Claim($code: String!) { claimAchievement(code: $code) { ${PAYLOAD} } }`;
export const BUY_TOOL = `mutation Buy($code: String!) { buyTool(code: $code) { ${GAME_STATE_FIELDS} } }`;
export const USE_TOOL = `mutation Use($code: String!) { useTool(code: $code) { ${GAME_STATE_FIELDS} } }`;
export const START_RECOVERY = `mutation StartRecovery { startRecoveryQuest { id prompt status expiresOn } }`;
export const COMPLETE_RECOVERY = `mutation CompleteRecovery($reflection: String!) { completeRecoveryQuest(reflection: $reflection) { ${PAYLOAD} } }`;

/** 30-day history from the Relay connections under User (issue 5); each degrades on its own. */
export const CHECK_IN_HISTORY = `query CheckInHistory($id: ID!, $after: String, $from: LocalDate, $to: LocalDate) {
  user(id: $id) { checkIns(first: 100, after: $after, from: $from, to: $to) { edges { node { date } } pageInfo { hasNextPage endCursor } } }
}`;
export const XP_HISTORY = `query XpHistory($id: ID!, $after: String, $from: LocalDate, $to: LocalDate) {
  user(id: $id) { xpLedger(first: 100, after: $after, from: $from, to: $to) { edges { node { amount createdAt } } pageInfo { hasNextPage endCursor } } }
}`;

export const MENTEES = `query Mentees { mentees {
  user { id displayName timezone } adherence7 adherence30 risk
  gameState { level xp checkedInToday energy streak { current longest status } }
} }`;
export const CREATE_INVITE = `mutation CreateInvite { createMentorInvite { code expiresAt } }`;
export const ACCEPT_INVITE = `mutation AcceptInvite($code: String!) { acceptMentorInvite(code: $code) { user { id displayName } } }`;

const COACH_MESSAGE = 'id conversationId role content status provider';
export const ASK_COACH = `mutation AskCoach($input: AskCoachInput!) { askCoach(input: $input) { ${COACH_MESSAGE} } }`;
export const COACH_STREAM = `subscription CoachStream($messageId: ID!) { coachStream(messageId: $messageId) { messageId delta done content } }`;
export const CANCEL_COACH = `mutation CancelCoach($id: ID!) { cancelCoachMessage(id: $id) { id status content } }`;
export const CANCEL_COACH_SCALAR = `mutation CancelCoach($id: ID!) { cancelCoachMessage(id: $id) }`;
export const COACH_CONVERSATION = `query CoachConversation($id: ID!) { coachConversation(id: $id) { id createdAt messages { ${COACH_MESSAGE} } } }`;
