# expect: string-concat-in-loop
        message = ""
        for user in users:
            message += f"{user.name} <{user.email}>\n"
        send(message)
