"""Registration for titles (đăng ký thi đua, W2, seed 003): members register the
individual titles they aim for, chairs register their unit for collective ones, before
the plan's registration deadline. Not registering is an exclusion the title rules use."""
