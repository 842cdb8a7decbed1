"""dbcheck"""
