import { InventoryItem } from '../entities/inventory-item.entity';
import type { Tool } from '../entities/tool.entity';
import { ErrorCode, notFound, ruleBroken } from '../errors/domain-errors';
import type { Scope } from '../lib/scope';
import type { Catalog } from './catalog.service';
import type { GameActionRunner } from './game-action';
import { INVENTORY_CAP, toolEffect, toolRefusal } from './tool.rules';

export class ToolService {
  constructor(
    private readonly actions: GameActionRunner,
    private readonly catalog: Catalog,
  ) {}

  /** Buys one tool with loyalty into the inventory (at most 5 items in total). */
  async buy(scope: Scope, code: string): Promise<void> {
    const tool = this.requireTool(code);
    await this.actions.run(scope, async (game) => {
      const c = game.character;
      if (c.loyalty < tool.cost) {
        throw ruleBroken(ErrorCode.INSUFFICIENT_LOYALTY, `${tool.name} costs ${tool.cost} loyalty; you have ${c.loyalty}.`);
      }
      if (c.inventoryCount >= INVENTORY_CAP) {
        throw ruleBroken(ErrorCode.INVENTORY_FULL, `Your inventory is full (${INVENTORY_CAP} items): use something first.`);
      }
      game.applyVitals({ loyalty: -tool.cost });
      c.inventoryCount += 1;
      const [{ quantity }]: { quantity: number }[] = await game.tx.query(
        `INSERT INTO inventory_items (user_id, tool_code, quantity) VALUES ($1, $2, 1)
         ON CONFLICT (user_id, tool_code) DO UPDATE SET quantity = inventory_items.quantity + 1
         RETURNING quantity`,
        [game.userId, code],
      );
      game.emit({ type: 'TOOL_BOUGHT', payload: { code, quantity, inventoryCount: c.inventoryCount } });
    });
  }

  /** Uses one tool from the inventory: applies its effect and removes it, atomically. */
  async use(scope: Scope, code: string): Promise<void> {
    const tool = this.requireTool(code);
    const effect = toolEffect(code);
    if (!effect) throw notFound(`Tool ${code}`);
    await this.actions.run(scope, async (game) => {
      const item = await game.tx.findOneBy(InventoryItem, { userId: game.userId, toolCode: code });
      if (!item) throw ruleBroken(ErrorCode.NOT_IN_INVENTORY, `You have no ${tool.name}.`);
      const refusal = toolRefusal(effect, game.character.graceDays);
      if (refusal) throw ruleBroken(ErrorCode.TOOL_NOT_USABLE, refusal);
      if (item.quantity > 1) {
        await game.tx.update(InventoryItem, { userId: game.userId, toolCode: code }, { quantity: item.quantity - 1 });
      } else {
        await game.tx.delete(InventoryItem, { userId: game.userId, toolCode: code });
      }
      game.character.inventoryCount -= 1;
      game.emit({ type: 'TOOL_USED', payload: { code, quantity: item.quantity - 1, inventoryCount: game.character.inventoryCount } });
      if (effect.vitals) game.applyVitals(effect.vitals);
      if (effect.graceDays) game.setStreak({ ...game.streak, graceDays: game.streak.graceDays + effect.graceDays });
    });
  }

  private requireTool(code: string): Tool {
    const tool = this.catalog.tool(code);
    if (!tool) throw notFound(`Tool ${code}`);
    return tool;
  }
}
