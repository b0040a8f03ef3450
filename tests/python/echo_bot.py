"""An existing bot written with python-telegram-bot, as the desk's tests run it behind the
Bot API proxy (tests/desk/proxy_python.rs).

    ECHO_BOT_TOKEN=<token> python echo_bot.py <proxy URL> <seconds>

Long-polls getUpdates through the proxy (the only change a real bot makes: its base URLs),
answers every private text with "echo: <text>" and a one-button inline keyboard, and prints
"heard: <text>" for each text it receives. It stops after <seconds>, or on the text
"stop echo bot".
"""

import asyncio
import os
import sys

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, ContextTypes, MessageHandler, filters

STOP = "stop echo bot"


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    message = update.effective_message
    print(f"heard: {message.text}", flush=True)
    if message.text == STOP:
        context.application.stop_running()
        return
    keyboard = InlineKeyboardMarkup(
        [[InlineKeyboardButton("Talk to a human", callback_data="human")]]
    )
    await context.bot.send_message(
        chat_id=message.chat_id, text=f"echo: {message.text}", reply_markup=keyboard
    )


def main() -> None:
    proxy, seconds = sys.argv[1].rstrip("/"), float(sys.argv[2])

    async def stop_later(application: Application) -> None:
        asyncio.get_running_loop().call_later(seconds, application.stop_running)

    application = (
        Application.builder()
        .token(os.environ["ECHO_BOT_TOKEN"])
        .base_url(f"{proxy}/bot")
        .base_file_url(f"{proxy}/file/bot")
        .post_init(stop_later)
        .build()
    )
    application.add_handler(
        MessageHandler(filters.ChatType.PRIVATE & filters.TEXT, on_text)
    )
    print("polling", flush=True)
    application.run_polling(allowed_updates=Update.ALL_TYPES, timeout=5)


if __name__ == "__main__":
    main()
